package org.chainrule.graph;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.chainrule.core.Tensor;
import org.chainrule.graph.InterpretedBackward.Accumulation;
import org.chainrule.graph.check.GradientCheck;
import org.chainrule.graph.check.GraphFunction;
import org.chainrule.testing.DagProgram;
import org.chainrule.testing.Generators;
import org.chainrule.testing.Theories;
import org.junit.jupiter.api.Test;

/**
 * Random DAGs, in which values feed two to four later values at every depth, pass the
 * gradient check; so the engine adds each consumer's contribution (the multivariable chain
 * rule). And the property can fail: an engine that overwrites a gradient instead of adding
 * to it passes on chains, but the DAG property catches it.
 */
class DagProperties {
    private static final int EXAMPLES = 1000;

    /** Checks every generated program with the given engine's gradient against finite differences. */
    private static void assertEveryDagPasses(BiFunction<DagProgram, List<Tensor>, List<Tensor>> engine) {
        Theories.qt(EXAMPLES).forAll(Generators.dags()).checkAssert(program -> GradientCheck.defaults()
                .compare(program::value, x -> engine.apply(program, x), program.checkInputs())
                .assertPassed());
    }

    @Test
    void randomDagsPassTheGradientCheck() {
        Theories.qt(EXAMPLES).forAll(Generators.dags())
                .checkAssert(program -> GradientCheck.defaults().check(program, program.checkInputs()).assertPassed());
    }

    @Test
    void aSecondEngineThatAddsContributionsPassesToo() {
        assertEveryDagPasses((program, x) -> InterpretedBackward.gradient(program, x, Accumulation.ADD));
    }

    /** Why random DAGs are needed: on a chain, no node has two consumers, and overwriting is harmless. */
    @Test
    void anEngineThatOverwritesInsteadOfAddingPassesOnAChain() {
        GraphFunction chain = (graph, in) -> in[0].tanh().sigmoid().scale(3).sum();
        GradientCheck.defaults()
                .compare(chain::value, x -> InterpretedBackward.gradient(chain, x, Accumulation.OVERWRITE),
                        Tensor.row(0.3, -1.2))
                .assertPassed();
    }

    @Test
    void anEngineThatOverwritesInsteadOfAddingIsCaught() {
        AssertionError failure = assertThrows(AssertionError.class, () -> assertEveryDagPasses(
                (program, x) -> InterpretedBackward.gradient(program, x, Accumulation.OVERWRITE)));
        String report = failure.getMessage();
        assertTrue(report.contains("DAG of ") && report.contains("loss = sum("), report);
        assertTrue(report.contains("gradient check FAILED"), report);
        assertTrue(report.contains("Seed was " + Theories.seed()), report);
    }

    /**
     * Without a listener the engine takes fused paths (matmul's VJP written or added straight
     * into the input's gradient, a parameter's first contribution written over its lazily
     * zeroed gradient); with one it computes every contribution separately. Both must give
     * the same gradients, on DAGs where matmuls fan out and parameters are reached many times.
     */
    @Test
    void fusedAccumulationGivesTheSameGradientsAsSeparateContributions() {
        BackwardListener watching = new BackwardListener() {
            @Override
            public void reached(Node node) {
            }

            @Override
            public void contributed(Node consumer, int input, org.ejml.data.DMatrixRMaj contribution) {
            }
        };
        Theories.qt(EXAMPLES).forAll(Generators.dags()).checkAssert(program -> {
            Tensor[] x = program.checkInputs();
            List<Tensor> fused = parameterGradients(program, x, null);
            List<Tensor> separate = parameterGradients(program, x, watching);
            for (int i = 0; i < x.length; i++) {
                assertTrue(fused.get(i).approxEquals(separate.get(i), 1e-12),
                        "input " + i + ": fused " + fused.get(i) + " vs separate " + separate.get(i) + " in " + program);
            }
        });
    }

    /** Gradients after zeroing, a first backward and a second that accumulates (so both write and add paths run). */
    private static List<Tensor> parameterGradients(DagProgram program, Tensor[] x, BackwardListener listener) {
        Graph graph = new Graph();
        Node[] leaves = new Node[x.length];
        for (int i = 0; i < x.length; i++) {
            leaves[i] = graph.parameter("x" + i, x[i]);
            leaves[i].parameter().zeroGradient();
        }
        Node loss = program.build(graph, leaves);
        graph.backward(loss, listener);
        graph.backward(loss, listener);
        List<Tensor> gradients = new java.util.ArrayList<>();
        for (Node leaf : leaves) {
            gradients.add(leaf.gradient());
        }
        return gradients;
    }

    /** The generator's promise: nodes with two, three and four consumers, at depths 0 to 5. */
    @Test
    void generatedDagsFanOutAtEveryDepth() {
        TreeSet<Integer> fanOuts = new TreeSet<>();
        TreeSet<Integer> depthsWithFanOut = new TreeSet<>();
        Theories.qt(200).forAll(Generators.dags()).checkAssert(program -> {
            int[] fanOut = program.fanOut();
            int[] depth = program.depth();
            for (int v = 0; v < fanOut.length; v++) {
                fanOuts.add(fanOut[v]);
                if (fanOut[v] >= 2) {
                    depthsWithFanOut.add(depth[v]);
                }
            }
            assertTrue(program.toString().contains("loss = "));
        });
        assertTrue(fanOuts.containsAll(List.of(2, 3, 4)), "fan-outs seen: " + fanOuts);
        assertTrue(depthsWithFanOut.containsAll(List.of(0, 1, 2, 3, 4, 5)), "depths with fan-out: " + depthsWithFanOut);
    }
}
