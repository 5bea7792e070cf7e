package com.example.userops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Shape;
import org.chainrule.core.Tensor;
import org.chainrule.graph.ElementwiseOperation;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.Operation;
import org.chainrule.graph.check.GradientCheck;
import org.chainrule.graph.check.GradientCheckResult;
import org.chainrule.graph.check.GraphFunction;
import org.chainrule.testing.Generators;
import org.chainrule.graph.check.OperationExample;
import org.chainrule.testing.Theories;
import org.junit.jupiter.api.Test;

/**
 * A user's own operations, defined outside Chainrule, recorded with {@code graph.apply} and
 * gradient-checked: alone on random matrices, at ELU's kink, and inside a small network next
 * to built-in operations.
 */
class UserOperationsProperties {
    private static final int EXAMPLES = 150;

    private static void assertPassesOnRandomMatrices(Operation operation) {
        Theories.qt(EXAMPLES)
                .forAll(Generators.examples(operation.name(), x -> x[0].graph().apply(operation, x[0]),
                        Generators.sameShape(1)))
                .checkAssert(example -> GradientCheck.defaults().check(example, example.checkInputs()).assertPassed());
    }

    @Test
    void softplusPassesTheGradientCheck() {
        assertPassesOnRandomMatrices(new Softplus());
    }

    @Test
    void eluPassesTheGradientCheckForAnyAlpha() {
        assertPassesOnRandomMatrices(new Elu(1));
        assertPassesOnRandomMatrices(new Elu(0.5));
    }

    /** The README's example, verbatim. */
    @Test
    void softplusInsideAQuickTheoriesProperty() {
        Theories.qt(50).forAll(Generators.matrices()).checkAssert(x ->
                GradientCheck.defaults().assertGradients((graph, in) -> graph.apply(new Softplus(), in[0]).sum(), x));
    }

    /** The README's property test on a user operation, verbatim. */
    @Test
    void softplusHasTheRightDerivativeAtEveryShape() {
        Operation softplus = ElementwiseOperation.of("softplus",
                x -> Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))), (x, y) -> 1 / (1 + Math.exp(-x)));
        Theories.qt(100).forAll(Generators.shapes(), longs().all()).checkAssert((shape, seed) ->
                GradientCheck.defaults().withSeed(seed).checkOperation(softplus, List.of(shape)).assertPassed());
    }

    /** The README's localisation example: its report, as the README shows it. */
    @Test
    void theReadmesLocalisationReport() {
        Tensor x = Tensor.of(new double[][] {{0.2, 0.5, -0.9}, {1.0, -1.0, 0.3}});
        Operation softplus = ElementwiseOperation.of("softplus", v -> Math.log1p(Math.exp(v)), (v, y) -> Math.exp(v));
        AssertionError e = assertThrows(AssertionError.class, () -> GradientCheck.defaults().assertGradients((graph, p) -> {
            Node h = graph.apply(softplus, graph.input("x", x).matmul(p[0]).add(p[1])).setName("h");
            return h.matmul(p[2]).tanh().sum().setName("loss");
        }, Tensor.uniform(3, 4, -1, 1, 1L), Tensor.zeros(1, 4), Tensor.uniform(4, 2, -1, 1, 2L)));
        String[] lines = e.getMessage().split("\n");
        assertEquals("faulty operation: 'h' (softplus): the VJP for input 0 of 1 (2x4 -> 2x4) is wrong at 8 of 8"
                + " elements; worst at [1, 1]: analytic 0.272576, numeric 0.0696077, |error| 0.202969 (relative 2.91589)",
                lines[1]);
        assertEquals("  chain to the output: 'h' -> #7 matmul -> #8 tanh -> 'loss'", lines[3]);
        assertEquals("worst elements (16 failed):", lines[4]);
        assertEquals("  x0[1, 1]: analytic -0.208513, numeric -0.0124945, |error| 0.196018 (relative 15.6884)", lines[5]);
        assertEquals("seed to reproduce: 0 (GradientCheck.withSeed: the random directions, readout weights and drawn"
                + " inputs)", lines[11]);
    }

    @Test
    void eluWithAlphaOtherThanOneHasAKinkAtZeroThatTheCheckerAccepts() {
        GraphFunction elu = (graph, x) -> graph.apply(new Elu(0.5), x[0]).sum();
        GradientCheckResult result = GradientCheck.defaults().assertGradients(elu, Tensor.row(0, 1, -1));
        assertEquals(1, result.kinks().size());
        assertEquals(0.5, result.kinks().get(0).left(), 1e-6);
        assertEquals(1, result.kinks().get(0).right(), 1e-6);
        assertEquals(0.5, result.kinks().get(0).analytic());
        // With alpha = 1 the derivative is continuous: no kink.
        GraphFunction smooth = (graph, x) -> graph.apply(new Elu(1), x[0]).sum();
        assertTrue(GradientCheck.defaults().assertGradients(smooth, Tensor.row(0, 1, -1)).kinks().isEmpty());
    }

    @Test
    void userOperationsWorkInsideANetworkOfBuiltIns() {
        Theories.qt(EXAMPLES).forAll(Generators.matrices(new Shape(3, 2)),
                Generators.matrices(new Shape(2, 4), -1, 1),
                Generators.matrices(new Shape(1, 4), -1, 1),
                Generators.matrices(new Shape(4, 2), -1, 1))
                .checkAssert((x, w1, b1, w2) -> GradientCheck.defaults().assertGradients((graph, p) -> {
                    Node hidden = graph.apply(new Softplus(), graph.input(x).matmul(p[0]).add(p[1]));
                    Node out = graph.apply(new Elu(1), hidden.matmul(p[2]));
                    return out.mul(out).mean();
                }, w1, b1, w2));
    }

    @Test
    void theElementwiseAdapterGivesTheSameOperationInOneLine() {
        Operation adapted = ElementwiseOperation.of("softplus",
                x -> Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),
                (x, y) -> 1 / (1 + Math.exp(-x)));
        Theories.qt(EXAMPLES).forAll(Generators.matrices()).checkAssert(x -> {
            GraphFunction viaAdapter = (graph, in) -> graph.apply(adapted, in[0]).tanh().sum();
            GraphFunction handWritten = (graph, in) -> graph.apply(new Softplus(), in[0]).tanh().sum();
            assertEquals(handWritten.value(List.of(x)), viaAdapter.value(List.of(x)));
            Tensor expected = handWritten.gradient(List.of(x)).get(0);
            Tensor actual = viaAdapter.gradient(List.of(x)).get(0);
            assertTrue(expected.approxEquals(actual, 1e-15), expected + " vs " + actual);
            GradientCheck.defaults().assertGradients(viaAdapter, x);
        });
        Graph graph = new Graph();
        Node a = graph.input(Tensor.row(1, 2));
        // The graph checks the number of inputs against the operation's arity, before any shape.
        ChainruleException e = assertThrows(ChainruleException.class, () -> graph.apply(adapted, a, a));
        assertEquals("softplus takes 1 input but was given 2", e.getMessage());
    }
}
