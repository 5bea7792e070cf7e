package org.chainrule.nn.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.junit.jupiter.api.Test;

class OpsTest {

    @Test
    void leakyReluIsMaxOfFaAndAWithDerivativeOneOrF() {
        Graph g = new Graph();
        Node a = g.parameter("a", Tensor.row(-2, 0, 3, -0.5));
        Node r = g.apply(new LeakyRelu(0.1), a);
        assertTrue(Tensor.row(-0.2, 0, 3, -0.05).approxEquals(r.value(), 1e-15), r.value().toString());
        g.backward(r.mul(g.constant(Tensor.row(1, 2, 3, 4))).sum());
        // d/da of sum(c * r): c where a > 0, f c elsewhere (a = 0 included).
        assertTrue(Tensor.row(0.1, 0.2, 3, 0.4).approxEquals(a.gradient(), 1e-15), a.gradient().toString());
        assertEquals("leakyRelu(0.1)", r.operation().name());
    }

    @Test
    void leakyReluRefusesSlopesOutsideZeroToOne() {
        for (double bad : new double[] {-0.1, 1, 2, Double.NaN}) {
            ChainruleException e = assertThrows(ChainruleException.class, () -> new LeakyRelu(bad));
            assertTrue(e.getMessage().startsWith("leaky relu: slope must lie in [0, 1)"), e.getMessage());
        }
    }

    @Test
    void sigmoidCrossEntropyGradientWithRespectToTargetsIsMinusZOverN() {
        Graph g = new Graph();
        Node z = g.input(Tensor.column(2, -1));
        Node t = g.parameter("t", Tensor.column(0.25, 0.5));
        g.backward(g.apply(SigmoidCrossEntropy.INSTANCE, z, t));
        assertTrue(Tensor.column(-1, 0.5).approxEquals(t.gradient(), 1e-15), t.gradient().toString());
    }

    @Test
    void softmaxCrossEntropyGradientWithRespectToOneHotTargetsIsMinusLogPOverM() {
        Graph g = new Graph();
        Tensor scores = Tensor.of(new double[][] {{1, 2, 3}, {0, 0, 0}});
        Node z = g.input(scores);
        Node y = g.parameter("y", Tensor.of(new double[][] {{0, 1, 0}, {1, 0, 0}}));
        g.backward(g.apply(SoftmaxCrossEntropy.INSTANCE, z, y));
        Tensor p = new Graph().input(scores).softmax(org.chainrule.core.Axis.EACH_ROW).value();
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(-Math.log(p.get(i, j)) / 2, y.gradient().get(i, j), 1e-15);
            }
        }
        Graph h = new Graph();
        Node indices = h.parameter("c", Tensor.column(1, 0));
        Node loss = h.apply(SoftmaxCrossEntropy.INSTANCE, h.input(scores), indices);
        ChainruleException e = assertThrows(ChainruleException.class, () -> h.backward(loss));
        assertTrue(e.getMessage().contains("class indices have no gradient"), e.getMessage());
    }
}
