package org.chainrule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
     * The functional pass ({@code computeGradients}) and {@code backward} give the same
     * gradients, on DAGs where matmuls fan out and parameters are reached many times; a second
     * {@code backward} adds exactly once more, and the functional pass after them leaves the
     * parameters' gradients as they were.
     */
    @Test
    void theFunctionalPassGivesBackwardsGradientsAndLeavesThemAlone() {
        Theories.qt(EXAMPLES).forAll(Generators.dags()).checkAssert(program -> {
            Tensor[] x = program.checkInputs();
            Graph graph = new Graph();
            Node[] leaves = new Node[x.length];
            for (int i = 0; i < x.length; i++) {
                leaves[i] = graph.parameter("x" + i, x[i]);
            }
            Node loss = program.build(graph, leaves);
            graph.backward(loss);
            List<Tensor> once = gradients(leaves);
            graph.backward(loss);
            List<Tensor> twice = gradients(leaves);
            Gradients functional = graph.computeGradients(loss);
            for (int i = 0; i < x.length; i++) {
                assertTrue(functional.of(leaves[i]).approxEquals(once.get(i), 1e-12),
                        "input " + i + ": functional " + functional.of(leaves[i]) + " vs backward " + once.get(i)
                                + " in " + program);
                org.ejml.data.DMatrixRMaj doubled = once.get(i).toMatrix();
                org.chainrule.core.Elementwise.scale(2, doubled, doubled);
                assertTrue(Tensor.adopt(doubled).approxEquals(twice.get(i), 1e-12), "input " + i + " after two passes");
            }
            assertEquals(twice, gradients(leaves), "computeGradients changed a parameter's gradient in " + program);
        });
    }

    private static List<Tensor> gradients(Node[] leaves) {
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
