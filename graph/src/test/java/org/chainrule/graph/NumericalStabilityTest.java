package org.chainrule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chainrule.core.Axis;
import org.chainrule.core.LogSumExp;
import org.chainrule.core.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Scores of +-1000: activations saturate exactly, softmax and log-softmax stay finite in value
 * and gradient, and {@code log 0} is {@code -infinity} as documented.
 */
class NumericalStabilityTest {

    /** Records {@code out = f(x)}, runs backward from {@code sum(out * weights)}, returns the node. */
    private static Node backwardThrough(Graph g, Node out, Tensor weights) {
        g.backward(out.mul(g.constant(weights)).sum());
        return out;
    }

    @Test
    void sigmoidAndTanhSaturateExactlyWithZeroGradients() {
        Graph g = new Graph();
        Node a = g.parameter("a", Tensor.row(-1000, 1000, -40, 40));
        Node s = a.sigmoid();
        assertEquals(Tensor.row(0, 1, Math.exp(-40) / (1 + Math.exp(-40)), 1), s.value());
        backwardThrough(g, s, Tensor.row(1, 1, 1, 1));
        // s (1 - s) is exactly 0 at +-1000 (and at 40, where s rounds to 1): no NaN.
        assertEquals(0.0, a.gradient().get(0, 0));
        assertEquals(0.0, a.gradient().get(0, 1));
        assertTrue(a.gradient().get(0, 2) > 0);

        Graph h = new Graph();
        Node b = h.parameter("b", Tensor.row(-1000, 1000));
        Node t = b.tanh();
        assertEquals(Tensor.row(-1, 1), t.value());
        backwardThrough(h, t, Tensor.row(3, -2));
        assertEquals(Tensor.row(0, 0), b.gradient());
    }

    @Test
    void softmaxOfHugeScoresIsFiniteInValueAndGradientAlongEitherAxis() {
        double[][] scores = {{1000, -1000, 0}, {-1000, -1000, -1000}, {1000, 1000, -1000}};
        for (Axis axis : Axis.values()) {
            Graph g = new Graph();
            Node z = g.parameter("z", Tensor.of(scores));
            Node p = z.softmax(axis);
            assertTrue(p.value().isFinite(), p.value().toString());
            backwardThrough(g, p, Tensor.of(new double[][] {{1, 2, 3}, {-1, 0, 4}, {2, 2, 5}}));
            assertTrue(z.gradient().isFinite(), z.gradient().toString());
        }
        Graph g = new Graph();
        Tensor p = g.input(Tensor.of(scores)).softmax(Axis.EACH_ROW).value();
        assertEquals(Tensor.of(new double[][] {{1, 0, 0}, {1.0 / 3, 1.0 / 3, 1.0 / 3}, {0.5, 0.5, 0}}), p);
    }

    @Test
    void logSoftmaxByLogSumExpIsFiniteWhereLogOfSoftmaxIsNot() {
        DMatrixRMaj z = new DMatrixRMaj(new double[][] {{1000, -1000}, {-1000, 1000}});
        DMatrixRMaj lse = LogSumExp.along(z, Axis.EACH_ROW, null);
        // log softmax = z - lse(z) per row: [0, -2000] and [-2000, 0], exactly.
        assertEquals(Tensor.column(1000, 1000), Tensor.copyOf(lse));
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                assertEquals(r == c ? 0 : -2000, z.get(r, c) - lse.get(r, 0));
            }
        }
        // The naive route underflows to softmax 0 and takes log 0.
        Graph g = new Graph();
        Tensor naive = g.input(Tensor.copyOf(z)).softmax(Axis.EACH_ROW).log().value();
        assertEquals(Double.NEGATIVE_INFINITY, naive.get(0, 1));
    }

    @Test
    void logOfZeroIsMinusInfinityAndOfANegativeNumberNaN() {
        Graph g = new Graph();
        Node x = g.parameter("x", Tensor.row(0, -1, Math.E));
        Node y = x.log();
        assertEquals(Double.NEGATIVE_INFINITY, y.value().get(0, 0));
        assertTrue(Double.isNaN(y.value().get(0, 1)));
        assertEquals(1, y.value().get(0, 2), 1e-15);
        g.backward(y, Tensor.row(1, 1, 1));
        // d ln x = dx / x: +infinity at 0, -1 at -1, 1/e at e.
        assertEquals(Tensor.row(Double.POSITIVE_INFINITY, -1, 1 / Math.E), x.gradient());
    }
}
