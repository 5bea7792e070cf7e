package org.chainrule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chainrule.core.Axis;
import org.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Every primitive and support operation: forward against values worked by hand, gradient
 * against a hand-derived derivative.
 */
class PrimitivesTest {
    private static final double TOL = 1e-12;

    static void assertTensor(double[][] expected, Tensor actual) {
        assertTensor(Tensor.of(expected), actual);
    }

    static void assertTensor(Tensor expected, Tensor actual) {
        assertTrue(expected.approxEquals(actual, TOL), "expected " + expected + " but was " + actual);
    }

    @Test
    void matmulForwardAndBothGradients() {
        Graph g = new Graph();
        Node a = g.parameter("A", Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}));
        Node b = g.parameter("B", Tensor.of(new double[][] {{1, 0}, {0, 1}, {2, -1}}));
        Node c = a.matmul(b);
        assertTensor(new double[][] {{7, -1}, {16, -1}}, c.value());
        g.backward(c.sum());
        // dC = ones(2x2): dA = ones B^T (each row = row sums of B), dB = A^T ones (each row = row sums of A^T).
        assertTensor(new double[][] {{1, 1, 1}, {1, 1, 1}}, a.gradient());
        assertTensor(new double[][] {{5, 5}, {7, 7}, {9, 9}}, b.gradient());
    }

    @Test
    void addBroadcastsARowBiasAndSumsItsGradientOverRows() {
        Graph g = new Graph();
        Node x = g.parameter("X", Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}));
        Node b = g.parameter("b", Tensor.row(10, 20, 30));
        Node w = g.constant(Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}));
        Node y = x.add(b);
        assertTensor(new double[][] {{11, 22, 33}, {14, 25, 36}}, y.value());
        g.backward(y.mul(w).sum());
        assertTensor(new double[][] {{1, 2, 3}, {4, 5, 6}}, x.gradient());
        assertTensor(new double[][] {{5, 7, 9}}, b.gradient());
    }

    @Test
    void addBroadcastsAColumnBiasFromTheLeftAndSumsItsGradientOverColumns() {
        Graph g = new Graph();
        Node b = g.parameter("b", Tensor.column(100, 200));
        Node x = g.parameter("X", Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}));
        Node w = g.constant(Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}));
        Node y = b.add(x);
        assertTensor(new double[][] {{101, 102, 103}, {204, 205, 206}}, y.value());
        g.backward(y.mul(w).sum());
        assertTensor(new double[][] {{6}, {15}}, b.gradient());
        assertTensor(new double[][] {{1, 2, 3}, {4, 5, 6}}, x.gradient());
    }

    @Test
    void addBroadcastsAScalar() {
        Graph g = new Graph();
        Node s = g.parameter("s", Tensor.scalar(1));
        Node x = g.constant(Tensor.of(new double[][] {{1, 2}, {3, 4}}));
        Node y = x.add(s);
        assertTensor(new double[][] {{2, 3}, {4, 5}}, y.value());
        g.backward(y.mul(x).sum());
        assertTensor(new double[][] {{10}}, s.gradient());
    }

    @Test
    void sigmoidTanhReluExpLog() {
        double[] a = {-1.5, 0.0, 0.7};
        for (String op : new String[] {"sigmoid", "tanh", "relu", "exp", "log"}) {
            Graph g = new Graph();
            Node x = g.parameter("x", op.equals("log") ? Tensor.row(0.5, 1.0, 2.0) : Tensor.row(a));
            Node y = switch (op) {
                case "sigmoid" -> x.sigmoid();
                case "tanh" -> x.tanh();
                case "relu" -> x.relu();
                case "exp" -> x.exp();
                default -> x.log();
            };
            g.backward(y.sum());
            double[] in = x.value().toArray()[0];
            for (int i = 0; i < 3; i++) {
                double v = in[i];
                double f;
                double df;
                switch (op) {
                    case "sigmoid" -> {
                        f = 1 / (1 + Math.exp(-v));
                        df = Math.exp(-v) / Math.pow(1 + Math.exp(-v), 2);
                    }
                    case "tanh" -> {
                        f = Math.tanh(v);
                        df = 4 / Math.pow(Math.exp(v) + Math.exp(-v), 2);
                    }
                    case "relu" -> {
                        f = Math.max(0, v);
                        df = v > 0 ? 1 : 0;
                    }
                    case "exp" -> {
                        f = Math.exp(v);
                        df = Math.exp(v);
                    }
                    default -> {
                        f = Math.log(v);
                        df = 1 / v;
                    }
                }
                assertEquals(f, y.value().get(0, i), TOL, op + " value at " + v);
                assertEquals(df, x.gradient().get(0, i), TOL, op + " derivative at " + v);
            }
        }
    }

    @Test
    void logOfZeroIsNegativeInfinity() {
        Graph g = new Graph();
        assertEquals(Double.NEGATIVE_INFINITY, g.input(Tensor.scalar(0)).log().value().item());
    }

    @Test
    void softmaxAlongEachAxisAndItsJacobian() {
        for (Axis axis : Axis.values()) {
            Graph g = new Graph();
            Tensor scores = axis == Axis.EACH_ROW ? Tensor.row(6, -2, 3) : Tensor.column(6, -2, 3);
            Node a = g.parameter("a", scores);
            Node s = a.softmax(axis);
            double[] expected = {0.952270, 0.000319451, 0.0474107};
            for (int i = 0; i < 3; i++) {
                assertEquals(expected[i], s.value().getFlat(i), 5e-7);
            }
            // dL/da_j for L = sum_i c_i s_i is sum_i c_i s_i (delta_ij - s_j).
            double[] c = {1, 2, 3};
            g.backward(s.mul(g.constant(axis == Axis.EACH_ROW ? Tensor.row(c) : Tensor.column(c))).sum());
            for (int j = 0; j < 3; j++) {
                double d = 0;
                for (int i = 0; i < 3; i++) {
                    d += c[i] * s.value().getFlat(i) * ((i == j ? 1 : 0) - s.value().getFlat(j));
                }
                assertEquals(d, a.gradient().getFlat(j), TOL);
            }
        }
    }

    @Test
    void softmaxNormalisesEachRowOrEachColumnOfAMatrix() {
        Graph g = new Graph();
        Node a = g.input(Tensor.of(new double[][] {{1, 2}, {3, 5}}));
        Tensor rows = a.softmax(Axis.EACH_ROW).value();
        Tensor cols = a.softmax(Axis.EACH_COLUMN).value();
        assertEquals(1.0 / (1 + Math.E), rows.get(0, 0), TOL);
        assertEquals(1.0 / (1 + Math.exp(2)), rows.get(1, 0), TOL);
        assertEquals(1.0 / (1 + Math.exp(2)), cols.get(0, 0), TOL);
        assertEquals(1.0 / (1 + Math.exp(3)), cols.get(0, 1), TOL);
    }

    @Test
    void supportOperations() {
        Graph g = new Graph();
        Node x = g.parameter("x", Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}));
        assertTensor(new double[][] {{6}, {15}}, x.sum(Axis.EACH_ROW).value());
        assertTensor(new double[][] {{5, 7, 9}}, x.sum(Axis.EACH_COLUMN).value());
        assertTensor(new double[][] {{3.5}}, x.mean().value());
        assertTensor(new double[][] {{2}, {5}}, x.mean(Axis.EACH_ROW).value());
        assertTensor(new double[][] {{-1, -2, -3}, {-4, -5, -6}}, x.neg().value());
        assertTensor(new double[][] {{0, 0, 0}, {3, 3, 3}}, x.sub(g.constant(Tensor.row(1, 2, 3))).value());

        // L = sum_i w_i * rowsum_i(x) + mean(x) + sum(2.5 x): dL/dx_ij = w_i + 1/6 + 2.5.
        Node w = g.constant(Tensor.column(10, 20));
        g.backward(x.sum(Axis.EACH_ROW).mul(w).sum().add(x.mean()).add(x.scale(2.5).sum()));
        double k = 1.0 / 6 + 2.5;
        assertTensor(new double[][] {{10 + k, 10 + k, 10 + k}, {20 + k, 20 + k, 20 + k}}, x.gradient());
    }

    @Test
    void columnSumsGradientRepeatsDownTheRows() {
        Graph g = new Graph();
        Node x = g.parameter("x", Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}));
        g.backward(x.sum(Axis.EACH_COLUMN).mul(g.constant(Tensor.row(1, 2, 3))).sum());
        assertTensor(new double[][] {{1, 2, 3}, {1, 2, 3}}, x.gradient());
    }
}
