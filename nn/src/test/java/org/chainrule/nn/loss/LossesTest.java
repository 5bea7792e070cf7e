package org.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.ShapeMismatchException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.nn.Seeds;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Every loss's value and its gradient with respect to the prediction against the
 * hand-derived formulas, on random shapes and values; the stable losses at scores of +-1000;
 * and the errors for shapes and targets.
 */
class LossesTest {

    /** Records {@code loss(prediction, target)} with the prediction as a parameter, runs backward. */
    private static Node lossOf(Loss loss, Tensor prediction, Tensor target) {
        Graph g = new Graph();
        Node y = g.parameter("y", prediction);
        Node l = loss.apply(y, g.constant(target));
        g.backward(l);
        return l;
    }

    private static Tensor gradientOf(Node loss) {
        return loss.graph().nodes().get(0).gradient();
    }

    /** Checks the loss's gradient entry by entry against {@code formula(y, t)}. */
    private static void assertGradient(Node loss, Tensor y, Tensor t, DoubleBinaryOperator formula, String what) {
        Tensor grad = gradientOf(loss);
        for (int i = 0; i < y.size(); i++) {
            double expected = formula.applyAsDouble(y.getFlat(i), t.getFlat(i));
            assertEquals(expected, grad.getFlat(i), 1e-12 * Math.max(1, Math.abs(expected)),
                    Seeds.seeded(what + " gradient entry " + i));
        }
    }

    private static Tensor zeroOne(int rows, int cols, Random random) {
        DMatrixRMaj t = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = random.nextBoolean() ? 1 : 0;
        }
        return Tensor.adopt(t);
    }

    private static Tensor oneHot(int[] classes, int k) {
        DMatrixRMaj t = new DMatrixRMaj(classes.length, k);
        for (int i = 0; i < classes.length; i++) {
            t.set(i, classes[i], 1);
        }
        return Tensor.adopt(t);
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void l2IsHalfTheSumOfSquaresWithGradientYMinusT() {
        Seeds.qt(100).forAll(integers().between(1, 6), integers().between(1, 4), longs().all()).checkAssert((m, k, seed) -> {
            Random random = new Random(seed);
            Tensor y = Tensor.uniform(m, k, -3, 3, random);
            Tensor t = Tensor.uniform(m, k, -3, 3, random);
            Node l = lossOf(Losses.L2, y, t);
            double expected = 0;
            for (int i = 0; i < y.size(); i++) {
                expected += 0.5 * Math.pow(y.getFlat(i) - t.getFlat(i), 2);
            }
            assertEquals(expected, l.value().item(), 1e-12 * Math.max(1, expected), Seeds.seeded("loss, data seed " + seed));
            assertGradient(l, y, t, (yi, ti) -> yi - ti, "L2, data seed " + seed);
        });
    }

    @Test
    void meanSquaredErrorAveragesOverEveryEntry() {
        Seeds.qt(100).forAll(integers().between(1, 6), integers().between(1, 4), longs().all()).checkAssert((m, k, seed) -> {
            Random random = new Random(seed);
            Tensor y = Tensor.uniform(m, k, -3, 3, random);
            Tensor t = Tensor.uniform(m, k, -3, 3, random);
            Node l = lossOf(Losses.MEAN_SQUARED_ERROR, y, t);
            int n = m * k;
            double expected = 0;
            for (int i = 0; i < n; i++) {
                expected += Math.pow(y.getFlat(i) - t.getFlat(i), 2) / n;
            }
            assertEquals(expected, l.value().item(), 1e-12 * Math.max(1, expected), Seeds.seeded("loss, data seed " + seed));
            assertGradient(l, y, t, (yi, ti) -> 2 * (yi - ti) / n, "MSE, data seed " + seed);
        });
    }

    @Test
    void binaryCrossEntropyOnProbabilities() {
        Seeds.qt(100).forAll(integers().between(1, 6), integers().between(1, 3), longs().all()).checkAssert((m, k, seed) -> {
            Random random = new Random(seed);
            Tensor y = Tensor.uniform(m, k, 0.02, 0.98, random);
            Tensor t = zeroOne(m, k, random);
            Node l = lossOf(Losses.BINARY_CROSS_ENTROPY, y, t);
            int n = m * k;
            double expected = 0;
            for (int i = 0; i < n; i++) {
                double yi = y.getFlat(i);
                double ti = t.getFlat(i);
                expected -= (ti * Math.log(yi) + (1 - ti) * Math.log(1 - yi)) / n;
            }
            assertEquals(expected, l.value().item(), 1e-12 * Math.max(1, expected), Seeds.seeded("loss, data seed " + seed));
            assertGradient(l, y, t, (yi, ti) -> (yi - ti) / (yi * (1 - yi) * n), "BCE, data seed " + seed);
        });
    }

    @Test
    void sigmoidCrossEntropyEqualsBinaryCrossEntropyOfTheSigmoidWithGradientSMinusT() {
        Seeds.qt(100).forAll(integers().between(1, 6), integers().between(1, 3), longs().all()).checkAssert((m, k, seed) -> {
            Random random = new Random(seed);
            Tensor z = Tensor.uniform(m, k, -8, 8, random);
            Tensor t = Tensor.uniform(m, k, 0, 1, random);
            Node l = lossOf(Losses.SIGMOID_CROSS_ENTROPY, z, t);
            int n = m * k;
            double expected = 0;
            for (int i = 0; i < n; i++) {
                double s = sigmoid(z.getFlat(i));
                double ti = t.getFlat(i);
                expected -= (ti * Math.log(s) + (1 - ti) * Math.log(1 - s)) / n;
            }
            assertEquals(expected, l.value().item(), 1e-11 * Math.max(1, expected), Seeds.seeded("loss, data seed " + seed));
            assertGradient(l, z, t, (zi, ti) -> (sigmoid(zi) - ti) / n, "sigmoid CE, data seed " + seed);
        });
    }

    @Test
    void sigmoidCrossEntropyIsFiniteAtScoresOfPlusMinusAThousand() {
        Tensor z = Tensor.column(1000, -1000, 1000, -1000);
        Tensor t = Tensor.column(0, 1, 1, 0);
        Node l = lossOf(Losses.SIGMOID_CROSS_ENTROPY, z, t);
        // Wrong with certainty costs |z| each; right with certainty costs 0.
        assertEquals(2000.0 / 4, l.value().item(), 1e-12);
        assertEquals(Tensor.column(0.25, -0.25, 0, 0), gradientOf(l));
        // The same inputs through the loss on probabilities saturate to log 0 (and 0 log 0 = NaN).
        Graph g = new Graph();
        Node p = g.input(z).sigmoid();
        assertTrue(Double.isNaN(Losses.BINARY_CROSS_ENTROPY.apply(p, g.constant(t)).value().item()));
    }

    @Test
    void crossEntropyOnProbabilitiesAveragesOverRows() {
        Seeds.qt(100).forAll(integers().between(1, 6), integers().between(2, 5), longs().all()).checkAssert((m, k, seed) -> {
            Random random = new Random(seed);
            Tensor y = Tensor.uniform(m, k, 0.05, 1, random);
            int[] classes = random.ints(m, 0, k).toArray();
            Tensor t = oneHot(classes, k);
            Node l = lossOf(Losses.CROSS_ENTROPY, y, t);
            double expected = 0;
            for (int i = 0; i < m; i++) {
                expected -= Math.log(y.get(i, classes[i])) / m;
            }
            assertEquals(expected, l.value().item(), 1e-12 * Math.max(1, expected), Seeds.seeded("loss, data seed " + seed));
            assertGradient(l, y, t, (yi, ti) -> -ti / (yi * m), "cross-entropy, data seed " + seed);
        });
    }

    @Test
    void softmaxCrossEntropyHasGradientPMinusYOverM() {
        Seeds.qt(150).forAll(integers().between(1, 6), integers().between(2, 5), longs().all()).checkAssert((m, k, seed) -> {
            Random random = new Random(seed);
            Tensor z = Tensor.uniform(m, k, -10, 10, random);
            int[] classes = random.ints(m, 0, k).toArray();
            Tensor y = oneHot(classes, k);
            Node l = lossOf(Losses.SOFTMAX_CROSS_ENTROPY, z, y);
            Tensor p = new Graph().input(z).softmax(org.chainrule.core.Axis.EACH_ROW).value();
            double expected = 0;
            for (int i = 0; i < m; i++) {
                expected -= Math.log(p.get(i, classes[i])) / m;
            }
            assertEquals(expected, l.value().item(), 1e-12 * Math.max(1, expected), Seeds.seeded("loss, data seed " + seed));
            Tensor grad = gradientOf(l);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < k; j++) {
                    assertEquals((p.get(i, j) - y.get(i, j)) / m, grad.get(i, j), 1e-12, Seeds.seeded("data seed " + seed));
                }
            }
            // Class indices give bit-identical loss and gradient.
            double[] column = new double[m];
            for (int i = 0; i < m; i++) {
                column[i] = classes[i];
            }
            Node byIndex = lossOf(Losses.SOFTMAX_CROSS_ENTROPY, z, Tensor.column(column));
            assertEquals(l.value(), byIndex.value());
            assertEquals(grad, gradientOf(byIndex));
        });
    }

    @Test
    void softmaxCrossEntropyIsFiniteAtScoresOfPlusMinusAThousand() {
        Tensor z = Tensor.of(new double[][] {{1000, -1000, 0}, {-1000, 1000, 1000}, {-1000, -1000, -1000}});
        Node l = lossOf(Losses.SOFTMAX_CROSS_ENTROPY, z, Tensor.column(0, 0, 2));
        // Row 1: right with certainty, 0. Row 2: lse = 1000 + log 2, minus -1000. Row 3: log 3.
        assertEquals((2000 + Math.log(2) + Math.log(3)) / 3, l.value().item(), 1e-12);
        Tensor grad = gradientOf(l);
        assertTrue(grad.isFinite(), grad.toString());
        // (p - y) / m, with p = [1, 0, 0], [0, 1/2, 1/2], [1/3, 1/3, 1/3] and m = 3.
        Tensor expected = Tensor.of(new double[][] {{0, 0, 0}, {-1.0 / 3, 0.5 / 3, 0.5 / 3}, {1.0 / 9, 1.0 / 9, -2.0 / 9}});
        assertTrue(grad.approxEquals(expected, 1e-15), grad.toString());
    }

    @Test
    void shapeMismatchesNameTheLossBothShapesAndTheRule() {
        Graph g = new Graph();
        Node y = g.input(Tensor.zeros(4, 1));
        Node t = g.constant(Tensor.zeros(4, 2));
        for (Loss loss : new Loss[] {Losses.L2, Losses.MEAN_SQUARED_ERROR, Losses.BINARY_CROSS_ENTROPY,
            Losses.SIGMOID_CROSS_ENTROPY, Losses.CROSS_ENTROPY}) {
            ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> loss.apply(y, t));
            assertEquals(loss.name() + ": prediction is 4x1 but target is 4x2: the target must have the prediction's"
                    + " shape (one row per example, one column per output)", e.getMessage());
        }
        Node scores = g.input(Tensor.zeros(4, 3));
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> Losses.SOFTMAX_CROSS_ENTROPY.apply(scores, g.constant(Tensor.zeros(5, 3))));
        assertEquals("softmax cross-entropy: scores are 4x3 but targets are 5x3: targets must be 4x3 one-hot rows"
                + " or a 4x1 column of class indices", e.getMessage());
        e = assertThrows(ShapeMismatchException.class, () -> Losses.SOFTMAX_CROSS_ENTROPY.apply(y, g.constant(Tensor.zeros(4, 1))));
        assertTrue(e.getMessage().startsWith("softmax cross-entropy: scores are 4x1 but need at least 2 columns"), e.getMessage());
    }

    @Test
    void shapeMismatchesNameTheNodesWhenTheyHaveNamesAndRefuseTwoGraphs() {
        Graph g = new Graph();
        Node y = g.input(Tensor.zeros(4, 1)).sigmoid();
        Node t = g.constant("T", Tensor.zeros(4, 2));
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> Losses.L2.apply(y, t));
        assertEquals("L2 loss: prediction is 4x1 but target is 4x2: the target must have the prediction's shape (one"
                + " row per example, one column per output) (prediction #1 sigmoid, target 'T')", e.getMessage());
        Node scores = g.input("scores", Tensor.zeros(4, 3));
        e = assertThrows(ShapeMismatchException.class, () -> Losses.SOFTMAX_CROSS_ENTROPY.apply(scores, t));
        assertEquals("softmax cross-entropy: scores are 4x3 but targets are 4x2: targets must be 4x3 one-hot rows or a"
                + " 4x1 column of class indices (nodes 'scores' and 'T')", e.getMessage());
        Node elsewhere = new Graph().constant("T2", Tensor.zeros(4, 1));
        ChainruleException other = assertThrows(ChainruleException.class, () -> Losses.MEAN_SQUARED_ERROR.apply(y,
                elsewhere));
        assertEquals("mean squared error: prediction #1 sigmoid and target 'T2' belong to different graphs: record the"
                + " target in the prediction's graph", other.getMessage());
        other = assertThrows(ChainruleException.class, () -> Losses.CROSS_ENTROPY.apply(y, null));
        assertEquals("cross-entropy: target is null", other.getMessage());
    }

    @Test
    void invalidTargetsAreRejectedClearly() {
        Graph g = new Graph();
        Node scores = g.input(Tensor.zeros(2, 3));
        ChainruleException e = assertThrows(ChainruleException.class, () -> Losses.SOFTMAX_CROSS_ENTROPY.apply(scores,
                g.constant(Tensor.of(new double[][] {{1, 0, 0}, {0.5, 0.5, 0}}))));
        assertEquals("softmax cross-entropy: target row 1 is [0.5, 0.5, 0], which is not one-hot: give rows with a"
                + " single 1 and 0 elsewhere, or an 2x1 column of class indices", e.getMessage());
        e = assertThrows(ChainruleException.class, () -> Losses.SOFTMAX_CROSS_ENTROPY.apply(scores,
                g.constant(Tensor.of(new double[][] {{1, 0, 1}, {0, 1, 0}}))));
        assertTrue(e.getMessage().contains("target row 0 is [1, 0, 1], which is not one-hot"), e.getMessage());
        e = assertThrows(ChainruleException.class, () -> Losses.SOFTMAX_CROSS_ENTROPY.apply(scores, g.constant(Tensor.column(0, 3))));
        assertEquals("softmax cross-entropy: target row 1 holds class index 3, which is not a whole number in [0, 3)",
                e.getMessage());
        e = assertThrows(ChainruleException.class, () -> Losses.SOFTMAX_CROSS_ENTROPY.apply(scores, g.constant(Tensor.column(1.5, 0))));
        assertTrue(e.getMessage().contains("target row 0 holds class index 1.5"), e.getMessage());
        e = assertThrows(ChainruleException.class, () -> Losses.SOFTMAX_CROSS_ENTROPY.apply(scores, g.constant(Tensor.column(-1, 0))));
        assertTrue(e.getMessage().contains("class index -1"), e.getMessage());
        Node z = g.input(Tensor.zeros(2, 1));
        e = assertThrows(ChainruleException.class, () -> Losses.SIGMOID_CROSS_ENTROPY.apply(z, g.constant(Tensor.column(1, -1))));
        assertEquals("sigmoid cross-entropy: target -1 at row 1, column 0 is outside [0, 1]: targets are probabilities"
                + " (class labels 0 and 1, not -1 and +1)", e.getMessage());
    }

    @Test
    void eachLossSaysWhatItsPredictionsMean() {
        assertEquals(Loss.Predictions.SCORES, Losses.SOFTMAX_CROSS_ENTROPY.predictions());
        assertEquals(Loss.Predictions.SCORES, Losses.SIGMOID_CROSS_ENTROPY.predictions());
        assertEquals(Loss.Predictions.PROBABILITIES, Losses.BINARY_CROSS_ENTROPY.predictions());
        assertEquals(Loss.Reduction.SUM, Losses.L2.reduction());
        assertEquals(Loss.Reduction.MEAN, Losses.MEAN_SQUARED_ERROR.reduction());
    }
}
