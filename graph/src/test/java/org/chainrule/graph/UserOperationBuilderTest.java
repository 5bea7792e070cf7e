package org.chainrule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.check.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * A user's own element-wise operations from the builders: with a graph derivative they take
 * derivatives of any order (second-order checked), without one they stay first-order and a
 * higher derivative is refused at once, in one line naming the operation and what to supply.
 */
class UserOperationBuilderTest {
    private static final ElementwiseOperation SOFTPLUS = ElementwiseOperation.builder("softplus")
            .function(x -> Math.log1p(Math.exp(x)))
            .derivative((x, y) -> 1 / (1 + Math.exp(-x)))
            .formula("sigmoid({in0})")
            .graphDerivative((x, y) -> x.sigmoid())
            .build();
    private static final BinaryElementwiseOperation HYPOT = BinaryElementwiseOperation.builder("hypot")
            .function(Math::hypot)
            .partials((a, b, y) -> a / y, (a, b, y) -> b / y)
            .formulas("{in0} / {out}", "{in1} / {out}")
            .graphPartials((a, b, y) -> a.div(y), (a, b, y) -> b.div(y))
            .build();
    private static final Tensor A = Tensor.of(new double[][] {{0.3, -1.2, 0.8}, {1.5, 0.1, -0.6}});
    private static final Tensor ROW = Tensor.row(0.7, -0.4, 1.3);

    @Test
    void anOperationWithAGraphDerivativeTakesSecondDerivatives() {
        GradientCheck.defaults().assertGradients((g, x) -> g.apply(SOFTPLUS, x[0]).square().sum(), A);
        GradientCheck.defaults().assertSecondOrder((g, x) -> g.apply(SOFTPLUS, x[0]).square().sum(), A);
        assertEquals("sigmoid({in0})", SOFTPLUS.localDerivative(0));
        Graph g = new Graph();
        Node x = g.input(Tensor.scalar(0.4));
        Node d2 = g.gradient(g.gradient(g.apply(SOFTPLUS, x), x), x);
        double s = 1 / (1 + Math.exp(-0.4));
        assertEquals(s * (1 - s), d2.value().item(), 1e-15);
    }

    @Test
    void aBinaryOperationWithGraphPartialsTakesSecondDerivativesAlsoBroadcast() {
        GradientCheck.defaults().assertSecondOrder((g, x) -> g.apply(HYPOT, x[0], x[1]).sum(), A, A);
        GradientCheck.defaults().assertSecondOrder((g, x) -> g.apply(HYPOT, x[0], x[1]).square().sum(), A, ROW);
        assertEquals("{in1} / {out}", HYPOT.localDerivative(1));
    }

    @Test
    void withoutAGraphDerivativeTheOperationIsFirstOrderAndAHigherDerivativeIsRefusedNamingIt() {
        ElementwiseOperation firstOrder = ElementwiseOperation.builder("cube").function(x -> x * x * x)
                .derivative((x, y) -> 3 * x * x).build();
        Graph g = new Graph();
        Node x = g.parameter("x", Tensor.row(0.5, 2));
        Node y = g.apply(firstOrder, x).sum();
        g.backward(y);
        assertEquals(0.75, x.parameter().gradient().getFlat(0), 1e-15);
        ChainruleException e = assertThrows(ChainruleException.class, () -> g.gradient(y, x));
        assertEquals("gradients: cube (node #1 cube) has no graph rule, so the gradient cannot be recorded as a graph"
                + " and differentiated again: build it with ElementwiseOperation.builder(name)...graphDerivative((x,"
                + " y) -> f'(x)), or take first derivatives with backward or computeGradients", e.getMessage());
        BinaryElementwiseOperation plain = BinaryElementwiseOperation.builder("times").function((a, b) -> a * b)
                .partials((a, b, v) -> b, (a, b, v) -> a).build();
        Node z = g.apply(plain, x, x).sum();
        e = assertThrows(ChainruleException.class, () -> g.gradient(z, x));
        assertTrue(e.getMessage().contains("BinaryElementwiseOperation.builder(name)...graphPartials(da, db)"),
                e.getMessage());
        assertThrows(ChainruleException.class, () -> ElementwiseOperation.builder("half").function(v -> v / 2).build());
    }
}
