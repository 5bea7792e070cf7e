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

    /** The fused node computes what matmul then add computes, value and all three gradients, fused path or not. */
    @Test
    void affineEqualsMatmulThenAddBroadcastingTheRow() {
        java.util.Random random = new java.util.Random(7);
        Tensor x = Tensor.uniform(5, 3, -1, 1, random);
        Tensor w = Tensor.uniform(3, 4, -1, 1, random);
        Tensor b = Tensor.uniform(1, 4, -1, 1, random);
        Tensor r = Tensor.uniform(5, 4, -1, 1, random);
        Tensor[] expected = affineGradients(x, w, b, r, false, null);
        for (boolean fused : new boolean[] {true, false}) {
            Tensor[] actual = affineGradients(x, w, b, r, true, fused ? null : new org.chainrule.graph.BackwardListener() {
                @Override
                public void reached(Node node) {
                }

                @Override
                public void contributed(Node consumer, int input, org.ejml.data.DMatrixRMaj contribution) {
                }
            });
            for (int i = 0; i < expected.length; i++) {
                assertTrue(expected[i].approxEquals(actual[i], 1e-14), "fused path " + fused + ", output " + i
                        + ": " + expected[i] + " vs " + actual[i]);
            }
        }
        Graph g = new Graph();
        org.chainrule.core.ShapeMismatchException e = assertThrows(org.chainrule.core.ShapeMismatchException.class,
                () -> g.apply(Affine.INSTANCE, g.input(x), g.input(w), g.input(Tensor.zeros(1, 3))));
        assertTrue(e.getMessage().contains("the bias must be a 1x4 row"), e.getMessage());
    }

    /** Value of x W + b and twice the gradients of sum(r * (x W + b)) with respect to x, W, b: written, then added. */
    private static Tensor[] affineGradients(Tensor x, Tensor w, Tensor b, Tensor r, boolean fusedNode,
                                            org.chainrule.graph.BackwardListener listener) {
        Graph g = new Graph();
        Node xn = g.parameter("x", x);
        Node wn = g.parameter("w", w);
        Node bn = g.parameter("b", b);
        Node y = fusedNode ? g.apply(Affine.INSTANCE, xn, wn, bn) : xn.matmul(wn).add(bn);
        Node loss = y.mul(g.constant(r)).sum();
        for (Node p : new Node[] {xn, wn, bn}) {
            p.parameter().zeroGradient(); // so the first pass writes the gradients and the second adds
        }
        g.backward(loss, listener);
        g.backward(loss, listener);
        return new Tensor[] {y.value(), xn.gradient(), wn.gradient(), bn.gradient()};
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
