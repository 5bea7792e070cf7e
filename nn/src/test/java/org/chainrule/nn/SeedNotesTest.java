package org.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Map;
import java.util.Random;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.loss.Loss;
import org.chainrule.nn.loss.Losses;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** nn's layers and losses against the notes' formulas (../shared/SEED-NOTES.md, section 4). */
class SeedNotesTest {

    /**
     * Notes A/B: the vectorised two-layer formulas, written as in the notes with examples as
     * columns, agree with the gradients nn computes for the same network with examples as
     * rows (every matrix transposed), for sigmoid and tanh hidden layers, and for the sigmoid
     * output trained with binary cross-entropy on probabilities or on scores.
     */
    @Test
    void vectorisedTwoLayerFormulasAgreeWithNn() {
        for (Activation hidden : new Activation[] {Activation.SIGMOID, Activation.TANH}) {
            for (boolean onScores : new boolean[] {false, true}) {
                Random random = new Random(Seeds.SEED);
                int n = 3;
                int p = 5;
                int m = 7;
                DMatrixRMaj x = Tensor.uniform(n, m, -2, 2, random).toMatrix();
                DMatrixRMaj y = new DMatrixRMaj(1, m);
                for (int i = 0; i < m; i++) {
                    y.data[i] = random.nextBoolean() ? 1 : 0;
                }
                DMatrixRMaj w1 = Tensor.uniform(p, n, -1, 1, random).toMatrix();
                DMatrixRMaj b1 = Tensor.uniform(p, 1, -1, 1, random).toMatrix();
                DMatrixRMaj w2 = Tensor.uniform(1, p, -1, 1, random).toMatrix();
                DMatrixRMaj b2 = Tensor.uniform(1, 1, -1, 1, random).toMatrix();

                // The notes' forward pass and formulas, examples as columns.
                DMatrixRMaj a1 = new DMatrixRMaj(p, m);
                CommonOps_DDRM.mult(w1, x, a1);
                addColumn(a1, b1);
                DMatrixRMaj h1 = a1.copy();
                for (int i = 0; i < h1.data.length; i++) {
                    h1.data[i] = hidden == Activation.TANH ? Math.tanh(a1.data[i]) : 1 / (1 + Math.exp(-a1.data[i]));
                }
                DMatrixRMaj a2 = new DMatrixRMaj(1, m);
                CommonOps_DDRM.mult(w2, h1, a2);
                addColumn(a2, b2);
                DMatrixRMaj h2 = a2.copy();
                for (int i = 0; i < m; i++) {
                    h2.data[i] = 1 / (1 + Math.exp(-a2.data[i]));
                }
                DMatrixRMaj dA2 = new DMatrixRMaj(1, m);
                CommonOps_DDRM.subtract(h2, y, dA2);
                DMatrixRMaj dW2 = new DMatrixRMaj(1, p);
                CommonOps_DDRM.multTransB(1.0 / m, dA2, h1, dW2);
                double db2 = CommonOps_DDRM.elementSum(dA2) / m;
                DMatrixRMaj dA1 = new DMatrixRMaj(p, m);
                CommonOps_DDRM.multTransA(w2, dA2, dA1);
                for (int i = 0; i < dA1.data.length; i++) {
                    double h = h1.data[i];
                    dA1.data[i] *= hidden == Activation.TANH ? 1 - h * h : h * (1 - h);
                }
                DMatrixRMaj dW1 = new DMatrixRMaj(p, n);
                CommonOps_DDRM.multTransB(1.0 / m, dA1, x, dW1);
                DMatrixRMaj db1 = new DMatrixRMaj(p, 1);
                CommonOps_DDRM.sumRows(dA1, db1);
                CommonOps_DDRM.scale(1.0 / m, db1);

                // nn, examples as rows: every matrix transposed.
                Sequential net = Mlp.builder(n).hidden(p, hidden)
                        .output(1, onScores ? Activation.IDENTITY : Activation.SIGMOID).build();
                Map<String, Parameter> ps = net.namedParameters();
                ps.get("layer1.weight").setValue(transposed(w1));
                ps.get("layer1.bias").setValue(transposed(b1));
                ps.get("layer2.weight").setValue(transposed(w2));
                ps.get("layer2.bias").setValue(transposed(b2));
                Loss loss = onScores ? Losses.SIGMOID_CROSS_ENTROPY : Losses.BINARY_CROSS_ENTROPY;
                Graph g = new Graph();
                Node out = net.apply(g.input(transposed(x)));
                g.backward(loss.apply(out, g.constant(transposed(y))));

                String what = hidden + (onScores ? " hidden, loss on scores" : " hidden, loss on probabilities");
                assertClose(transposed(dW1), ps.get("layer1.weight").gradient(), what + ": dW1");
                assertClose(transposed(db1), ps.get("layer1.bias").gradient(), what + ": db1");
                assertClose(transposed(dW2), ps.get("layer2.weight").gradient(), what + ": dW2");
                assertEquals(db2, ps.get("layer2.bias").gradient().item(), 1e-12, what + ": db2");
            }
        }
    }

    /**
     * Notes E: a 2-3-2 sigmoid network without biases, {@code h = s(x w)}, {@code y = s(h u)},
     * L2 loss. Every {@code dL/du_ij = (y_j - t_j) y_j (1 - y_j) h_i} and every
     * {@code dL/dw_ij = sum_k (y_k - t_k) y_k (1 - y_k) u_jk h_j (1 - h_j) x_i}.
     */
    @Test
    void twoThreeTwoNetworkMatchesTheClosedForms() {
        Seeds.qt(200).forAll(longs().all()).checkAssert(seed -> {
            Random random = new Random(seed);
            double[] x = Tensor.uniform(1, 2, -2, 2, random).toArray()[0];
            double[] t = Tensor.uniform(1, 2, 0, 1, random).toArray()[0];
            Parameter w = new Parameter("w", Tensor.uniform(2, 3, -2, 2, random));
            Parameter u = new Parameter("u", Tensor.uniform(3, 2, -2, 2, random));
            Sequential net = Sequential.of(Linear.withoutBias(w), Activation.SIGMOID,
                    Linear.withoutBias(u), Activation.SIGMOID);
            Graph g = new Graph();
            Node input = g.input(Tensor.row(x));
            Node hidden = net.layers().get(1).apply(net.layers().get(0).apply(input));
            Node out = net.layers().get(3).apply(net.layers().get(2).apply(hidden));
            g.backward(Losses.L2.apply(out, g.constant(Tensor.row(t))));

            double[] h = hidden.value().toArray()[0];
            double[] y = out.value().toArray()[0];
            Tensor du = u.gradient();
            Tensor dw = w.gradient();
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 2; j++) {
                    double expected = (y[j] - t[j]) * y[j] * (1 - y[j]) * h[i];
                    assertEquals(expected, du.get(i, j), 1e-12, Seeds.seeded("dL/du_" + i + j + ", data seed " + seed));
                }
            }
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    double sum = 0;
                    for (int k = 0; k < 2; k++) {
                        sum += (y[k] - t[k]) * y[k] * (1 - y[k]) * u.value().get(j, k);
                    }
                    double expected = sum * h[j] * (1 - h[j]) * x[i];
                    assertEquals(expected, dw.get(i, j), 1e-12, Seeds.seeded("dL/dw_" + i + j + ", data seed " + seed));
                }
            }
        });
    }

    /** Section 5: cross-entropy of softmax([6, -2, 3]) against classes 0 and 2, natural log. */
    @Test
    void crossEntropyOfTheNotesSoftmaxUsesTheNaturalLog() {
        Graph g = new Graph();
        Node scores = g.input(Tensor.of(new double[][] {{6, -2, 3}, {6, -2, 3}}));
        Node probabilities = Activation.SOFTMAX.apply(scores);
        Node first = g.constant(Tensor.row(1, 0, 0));
        Node third = g.constant(Tensor.row(0, 0, 1));
        assertEquals(0.0489069, Losses.SOFTMAX_CROSS_ENTROPY.apply(g.input(Tensor.row(6, -2, 3)), first).value().item(), 5e-7);
        assertEquals(3.04891, Losses.SOFTMAX_CROSS_ENTROPY.apply(g.input(Tensor.row(6, -2, 3)), third).value().item(), 5e-6);
        // Both rows together, as class indices: the mean of the two.
        Node indices = g.constant(Tensor.column(0, 2));
        assertEquals((0.0489069 + 3.04891) / 2, Losses.SOFTMAX_CROSS_ENTROPY.apply(scores, indices).value().item(), 5e-6);
        Node oneHot = g.constant(Tensor.of(new double[][] {{1, 0, 0}, {0, 0, 1}}));
        assertEquals((0.0489069 + 3.04891) / 2, Losses.CROSS_ENTROPY.apply(probabilities, oneHot).value().item(), 5e-6);
    }

    private static void addColumn(DMatrixRMaj a, DMatrixRMaj column) {
        for (int r = 0; r < a.numRows; r++) {
            for (int c = 0; c < a.numCols; c++) {
                a.add(r, c, column.get(r, 0));
            }
        }
    }

    private static Tensor transposed(DMatrixRMaj m) {
        return Tensor.adopt(CommonOps_DDRM.transpose(m, null));
    }

    private static void assertClose(Tensor expected, Tensor actual, String what) {
        assertTrue(expected.approxEquals(actual, 1e-12), Seeds.seeded(what + ": expected " + expected + " but nn gave " + actual));
    }
}
