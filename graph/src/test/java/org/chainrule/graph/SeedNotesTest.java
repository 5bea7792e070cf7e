package org.chainrule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.chainrule.core.Axis;
import org.chainrule.core.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** The worked examples of ../shared/SEED-NOTES.md, reproduced by the graph. */
class SeedNotesTest {

    /** Section 5: a 3-3-1 sigmoid network, examples as columns, bias 0.1 everywhere. */
    @Test
    void threeInputForwardPassGivesTheCorrectedOutput() {
        Graph g = new Graph();
        Node x = g.input("x", Tensor.column(0.2, 0.5, -0.9));
        Node w1 = g.parameter("W1", Tensor.of(new double[][] {{1.2, 0.9, 0.3}, {0.2, 0.3, 0.1}, {1.3, 1.9, 0.1}}));
        Node b1 = g.parameter("b1", Tensor.column(0.1, 0.1, 0.1));
        Node w2 = g.parameter("W2", Tensor.row(0.2, 0.6, 0.2));
        Node b2 = g.parameter("b2", Tensor.scalar(0.1));
        Node a1 = w1.matmul(x).add(b1);
        Node h1 = a1.sigmoid();
        Node a2 = w2.matmul(h1).add(b2);
        Node out = a2.sigmoid();

        assertTrue(Tensor.column(0.52, 0.20, 1.22).approxEquals(a1.value(), 1e-12), a1.value().toString());
        assertTrue(Tensor.column(0.627148, 0.549834, 0.772064).approxEquals(h1.value(), 5e-7), h1.value().toString());
        assertEquals(0.709743, a2.value().item(), 5e-7);
        assertEquals(0.670344, out.value().item(), 5e-7);
    }

    @Test
    void softmaxOfSixMinusTwoThree() {
        Graph g = new Graph();
        Tensor s = g.input(Tensor.row(6, -2, 3)).softmax(Axis.EACH_ROW).value();
        assertTrue(Tensor.row(0.952270, 0.000319451, 0.0474107).approxEquals(s, 5e-7), s.toString());
    }

    /**
     * Section 4, notes A/B: examples as columns, a sigmoid or tanh hidden layer, a sigmoid
     * output with mean binary cross-entropy. The notes' vectorised formulas, written directly
     * on EJML, agree with the graph to 1e-12.
     */
    @Test
    void vectorisedTwoLayerFormulasEqualTheGraph() {
        for (boolean tanhHidden : new boolean[] {false, true}) {
            Random random = new Random(7);
            int n = 4;
            int p = 5;
            int m = 6;
            Tensor xs = Tensor.uniform(n, m, -2, 2, random);
            Tensor ys = Tensor.of(new double[][] {{1, 0, 0, 1, 1, 0}});
            Tensor w1v = Tensor.uniform(p, n, -1, 1, random);
            Tensor b1v = Tensor.uniform(p, 1, -1, 1, random);
            Tensor w2v = Tensor.uniform(1, p, -1, 1, random);
            Tensor b2v = Tensor.uniform(1, 1, -1, 1, random);

            Graph g = new Graph();
            Node x = g.input("X", xs);
            Node y = g.constant("Y", ys);
            Node w1 = g.parameter("W1", w1v);
            Node b1 = g.parameter("b1", b1v);
            Node w2 = g.parameter("W2", w2v);
            Node b2 = g.parameter("b2", b2v);
            Node a1 = w1.matmul(x).add(b1);
            Node h1 = tanhHidden ? a1.tanh() : a1.sigmoid();
            Node h2 = w2.matmul(h1).add(b2).sigmoid();
            Node ones = g.constant(Tensor.filled(1, m, 1));
            Node cost = y.mul(h2.log()).add(ones.sub(y).mul(ones.sub(h2).log())).mean().neg();
            g.backward(cost);

            // The notes' formulas, by hand on EJML.
            DMatrixRMaj hX = xs.toMatrix();
            DMatrixRMaj hA1 = new DMatrixRMaj(p, m);
            CommonOps_DDRM.mult(w1v.toMatrix(), hX, hA1);
            DMatrixRMaj hH1 = new DMatrixRMaj(p, m);
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < m; j++) {
                    double a = hA1.get(i, j) + b1v.get(i, 0);
                    hH1.set(i, j, tanhHidden ? Math.tanh(a) : 1 / (1 + Math.exp(-a)));
                }
            }
            DMatrixRMaj hA2 = new DMatrixRMaj(1, m);
            CommonOps_DDRM.mult(w2v.toMatrix(), hH1, hA2);
            DMatrixRMaj dA2 = new DMatrixRMaj(1, m);
            for (int j = 0; j < m; j++) {
                double h = 1 / (1 + Math.exp(-(hA2.get(0, j) + b2v.item())));
                dA2.set(0, j, h - ys.get(0, j));                                   // dA2 = H2 - Y
            }
            DMatrixRMaj dW2 = new DMatrixRMaj(1, p);
            CommonOps_DDRM.multTransB(1.0 / m, dA2, hH1, dW2);                     // dW2 = (1/m) dA2 H1^T
            double db2 = CommonOps_DDRM.elementSum(dA2) / m;                        // db2 = (1/m) rowsum(dA2)
            DMatrixRMaj dA1 = new DMatrixRMaj(p, m);
            CommonOps_DDRM.multTransA(w2v.toMatrix(), dA2, dA1);                   // W2^T dA2
            for (int i = 0; i < p * m; i++) {
                double h = hH1.data[i];
                dA1.data[i] *= tanhHidden ? 1 - h * h : h * (1 - h);               // * H1 (1 - H1) or (1 - H1^2)
            }
            DMatrixRMaj dW1 = new DMatrixRMaj(p, n);
            CommonOps_DDRM.multTransB(1.0 / m, dA1, hX, dW1);                      // dW1 = (1/m) dA1 X^T
            DMatrixRMaj db1 = new DMatrixRMaj(p, 1);
            CommonOps_DDRM.sumRows(dA1, db1);
            CommonOps_DDRM.scale(1.0 / m, db1);                                     // db1 = (1/m) rowsum(dA1)

            String layer = tanhHidden ? "tanh" : "sigmoid";
            assertClose(Tensor.adopt(dW2), w2.gradient(), layer + " dW2");
            assertEquals(db2, b2.gradient().item(), 1e-12, layer + " db2");
            assertClose(Tensor.adopt(dW1), w1.gradient(), layer + " dW1");
            assertClose(Tensor.adopt(db1), b1.gradient(), layer + " db1");
        }
    }

    private static void assertClose(Tensor expected, Tensor actual, String what) {
        assertTrue(expected.approxEquals(actual, 1e-12), what + ": expected " + expected + " but was " + actual);
    }
}
