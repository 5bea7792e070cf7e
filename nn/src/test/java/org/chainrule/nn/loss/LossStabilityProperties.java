package org.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chainrule.core.Axis;
import org.chainrule.core.Elementwise;
import org.chainrule.core.Shape;
import org.chainrule.core.SoftmaxKernels;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.testing.Generators;
import org.chainrule.testing.Theories;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * The fused cross-entropy losses on scores anywhere in {@code [-1000, 1000]} — ties, one huge
 * score among tiny ones, whole rows at +-1000 — give a finite loss and a finite gradient equal
 * to {@code (p - y) / m} (softmax) or {@code (s - t) / n} (sigmoid), even with anomaly
 * detection on, which would throw at the first NaN or infinity.
 */
class LossStabilityProperties {
    private static final double[] EXTREMES = {-1000, -999.5, 0, 999.5, 1000};

    /** Scores of a random shape, each an extreme about half of the time, else anywhere in [-1000, 1000]. */
    private static Tensor scores(RandomnessSource in, Shape shape) {
        DMatrixRMaj z = new DMatrixRMaj(shape.rows(), shape.cols());
        for (int i = 0; i < z.data.length; i++) {
            int pick = Generators.between(in, 0, 2 * EXTREMES.length - 1);
            z.data[i] = pick < EXTREMES.length ? EXTREMES[pick] : Generators.between(in, -1_000_000, 1_000_000) * 1e-3;
        }
        return Tensor.adopt(z);
    }

    private record Case(Tensor scores, Tensor targets) {
    }

    private static Gen<Case> softmaxCases() {
        return in -> {
            Shape shape = new Shape(Generators.dimension(in, 8), Generators.between(in, 2, 8));
            double[] classes = new double[shape.rows()];
            for (int i = 0; i < classes.length; i++) {
                classes[i] = Generators.between(in, 0, shape.cols() - 1);
            }
            return new Case(scores(in, shape), Tensor.column(classes));
        };
    }

    private static Gen<Case> sigmoidCases() {
        return in -> {
            Shape shape = Generators.shapes().generate(in);
            return new Case(scores(in, shape), Generators.matrix(in, shape, 0, 1));
        };
    }

    /** Records the loss with the scores as a parameter, anomaly detection on, and runs backward. */
    private static Node lossOf(Loss loss, Case c) {
        Graph g = new Graph().setDetectAnomalies(true);
        Node z = g.parameter("z", c.scores());
        Node l = loss.apply(z, g.constant("t", c.targets()));
        g.backward(l);
        assertTrue(Double.isFinite(l.value().item()), "loss " + l.value());
        assertTrue(z.gradient().isFinite(), "gradient " + z.gradient());
        return z;
    }

    @Test
    void softmaxCrossEntropyIsFiniteWithGradientPMinusYOverM() {
        Theories.qt(200).forAll(softmaxCases()).checkAssert(c -> {
            Tensor gradient = lossOf(Losses.SOFTMAX_CROSS_ENTROPY, c).gradient();
            DMatrixRMaj p = SoftmaxKernels.forward(c.scores().matrixView(), Axis.EACH_ROW, null);
            int m = p.numRows;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < p.numCols; j++) {
                    double y = c.targets().get(i, 0) == j ? 1 : 0;
                    assertEquals((p.get(i, j) - y) / m, gradient.get(i, j), 1e-15, c + " at " + i + ", " + j);
                }
            }
        });
    }

    @Test
    void sigmoidCrossEntropyIsFiniteWithGradientSMinusTOverN() {
        Theories.qt(200).forAll(sigmoidCases()).checkAssert(c -> {
            Tensor gradient = lossOf(Losses.SIGMOID_CROSS_ENTROPY, c).gradient();
            DMatrixRMaj s = Elementwise.sigmoid(c.scores().matrixView(), null);
            int n = s.getNumElements();
            for (int i = 0; i < n; i++) {
                assertEquals((s.data[i] - c.targets().getFlat(i)) / n, gradient.getFlat(i), 1e-15, c + " at " + i);
            }
        });
    }
}
