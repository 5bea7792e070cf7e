package org.chainrule.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.examples.progress.EpochMetrics;
import org.chainrule.nn.data.Dataset;
import org.chainrule.nn.data.Playground;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
    @TempDir
    Path dir;

    private static final Dataset CIRCLE = Playground.generate(Playground.Kind.CIRCLE, 120, 0.1, 3);

    private static List<EpochMetrics> history(int epochs, boolean withTest) {
        List<EpochMetrics> history = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            double loss = 0.7 / e;
            double accuracy = 1 - 0.5 / e;
            history.add(withTest ? new EpochMetrics(e, loss, accuracy, 1.2 * loss, accuracy - 0.02)
                    : EpochMetrics.trainOnly(e, loss, accuracy));
        }
        return history;
    }

    private static BufferedImage read(Path file, int width, int height) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, file + " is not an image ImageIO can read");
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
        return image;
    }

    /** Pixels within a small distance of a colour (anti-aliased lines blend at their edges). */
    private static long pixelsNear(BufferedImage image, Color color, int x0, int x1, int tolerance) {
        long count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = x0; x < x1; x++) {
                Color c = new Color(image.getRGB(x, y));
                if (Math.abs(c.getRed() - color.getRed()) + Math.abs(c.getGreen() - color.getGreen())
                        + Math.abs(c.getBlue() - color.getBlue()) <= tolerance) {
                    count++;
                }
            }
        }
        return count;
    }

    @Test
    void trainingCurvesAreAPngOfTheRequestedSizeWithBothCurvesInBothPanels() throws IOException {
        Path file = TrainingCurves.writePng(history(30, true), dir.resolve("curves.png"), 900, 360);
        BufferedImage image = read(file, 900, 360);
        for (int[] half : new int[][] {{0, 450}, {450, 900}}) {
            assertTrue(pixelsNear(image, Pictures.BLUE, half[0], half[1], 20) > 200, "train curve in " + half[0]);
            assertTrue(pixelsNear(image, Pictures.ORANGE, half[0], half[1], 20) > 200, "test curve in " + half[0]);
        }
    }

    @Test
    void missingTestValuesAreLeftOutAndOneEpochStillDraws() throws IOException {
        BufferedImage image = read(TrainingCurves.writePng(history(1, false), dir.resolve("one.png"), 641, 299), 641, 299);
        assertEquals(0, pixelsNear(image, Pictures.ORANGE, 0, 641, 40));
        assertTrue(pixelsNear(image, Pictures.BLUE, 0, 641, 20) > 20);
    }

    @Test
    void decisionBoundaryIsAPngOfTheRequestedSizeShadedByThePredictor() throws IOException {
        Color sureBlue = DecisionBoundary.shade(0.95);
        Color sureOrange = DecisionBoundary.shade(0.05);
        BufferedImage blue = read(DecisionBoundary.writePng("all blue", CIRCLE, p -> Tensor.filled(p.rows(), 1, 0.95),
                dir.resolve("blue.png"), 700, 600), 700, 600);
        BufferedImage orange = read(DecisionBoundary.writePng("all orange", CIRCLE, p -> Tensor.filled(p.rows(), 1, 0.05),
                dir.resolve("orange.png"), 700, 600), 700, 600);
        long area = 700L * 600;
        int leftOfColorBar = 600;
        assertTrue(pixelsNear(blue, sureBlue, 0, 700, 0) > area / 3, "the plot area is shaded blue");
        assertEquals(0, pixelsNear(blue, sureOrange, 0, leftOfColorBar, 0));
        assertTrue(pixelsNear(orange, sureOrange, 0, 700, 0) > area / 3, "the plot area is shaded orange");
        assertEquals(0, pixelsNear(orange, sureBlue, 0, leftOfColorBar, 0));
        // The points are drawn on top in their class colours.
        assertTrue(pixelsNear(blue, Pictures.ORANGE, 0, 700, 10) > 100);
        assertTrue(pixelsNear(orange, Pictures.BLUE, 0, 700, 10) > 100);
    }

    @Test
    void thePredictorIsAskedOnceForAGridCoveringTheDataWithAMargin() {
        List<Tensor> asked = new ArrayList<>();
        DecisionBoundary.writePng("circle", CIRCLE, points -> {
            asked.add(points);
            double[] p = new double[points.rows()];
            for (int i = 0; i < p.length; i++) {
                p[i] = 1 / (1 + Math.exp(Math.hypot(points.get(i, 0), points.get(i, 1)) - 2.5));
            }
            return Tensor.column(p);
        }, dir.resolve("circle.png"), 600, 500);
        assertEquals(1, asked.size());
        Tensor grid = asked.get(0);
        assertEquals(DecisionBoundary.GRID * DecisionBoundary.GRID, grid.rows());
        assertEquals(2, grid.cols());
        for (int axis = 0; axis < 2; axis++) {
            double dataMin = Double.POSITIVE_INFINITY;
            double dataMax = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < CIRCLE.size(); i++) {
                dataMin = Math.min(dataMin, CIRCLE.features().get(i, axis));
                dataMax = Math.max(dataMax, CIRCLE.features().get(i, axis));
            }
            double gridMin = Double.POSITIVE_INFINITY;
            double gridMax = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < grid.rows(); i++) {
                gridMin = Math.min(gridMin, grid.get(i, axis));
                gridMax = Math.max(gridMax, grid.get(i, axis));
            }
            assertTrue(gridMin < dataMin && gridMax > dataMax, "axis " + axis + " grid covers the data");
        }
    }

    @Test
    void aPredictorThatAnswersWronglyIsRejected() {
        Path file = dir.resolve("x.png");
        ChainruleException shape = assertThrows(ChainruleException.class,
                () -> DecisionBoundary.writePng("t", CIRCLE, p -> Tensor.zeros(p.rows(), 2), file, 600, 500));
        assertTrue(shape.getMessage().contains("40000x2 for 40000 points"), shape.getMessage());
        ChainruleException range = assertThrows(ChainruleException.class,
                () -> DecisionBoundary.writePng("t", CIRCLE, p -> Tensor.filled(p.rows(), 1, 1.5), file, 600, 500));
        assertTrue(range.getMessage().contains("probabilities lie in [0, 1]"), range.getMessage());
        ChainruleException nan = assertThrows(ChainruleException.class,
                () -> DecisionBoundary.writePng("t", CIRCLE, p -> Tensor.filled(p.rows(), 1, Double.NaN), file, 600, 500));
        assertTrue(nan.getMessage().contains("returned NaN"), nan.getMessage());
    }

    @Test
    void badRequestsAreRejected() {
        Path file = dir.resolve("x.png");
        Dataset threeFeatures = new Dataset(Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}), new int[] {0, 1}, 2);
        assertThrows(ChainruleException.class,
                () -> DecisionBoundary.writePng("t", threeFeatures, p -> Tensor.zeros(p.rows(), 1), file, 600, 500));
        assertThrows(ChainruleException.class, () -> TrainingCurves.writePng(history(3, true), file, 100, 500));
        assertThrows(ChainruleException.class, () -> TrainingCurves.writePng(List.of(), file, 600, 500));
    }

    @Test
    void missingDirectoriesAreCreated() throws IOException {
        Path file = dir.resolve("runs/spiral/curves.png");
        read(TrainingCurves.writePng(history(5, true), file, 600, 300), 600, 300);
    }

    /**
     * A loss near 1e16 or 1e20 that changes by a few units between epochs, or one near
     * Double.MAX_VALUE, is drawn: XChart's tick calculation used to loop forever on such
     * ranges, and {@code chainrule train} hung after training (found by fuzzing the model file
     * of {@code train --resume}).
     */
    @Test
    void hugeLossesWithTinyRangesAreDrawnInsteadOfHanging() {
        double[][] losses = {{1e16, 1e16 + 2}, {1e20, 1e20 + 1e5}, {Double.MAX_VALUE, 1}, {-1e300, 1e300}};
        for (double[] loss : losses) {
            List<EpochMetrics> history = new ArrayList<>();
            for (int i = 0; i < loss.length; i++) {
                history.add(new EpochMetrics(3 + i, loss[i], 0.5, loss[i], 0.5));
            }
            Path file = dir.resolve("huge.png");
            assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> TrainingCurves.writePng(history, file,
                    900, 400), java.util.Arrays.toString(loss));
        }
    }

    /**
     * Predictions of a diverged model (infinite, NaN, near Double.MAX_VALUE) and targets near
     * 1e16 with a spread of a few units (timestamps in nanoseconds, say) are drawn: they used
     * to escape as XChart's IllegalArgumentException or NumberFormatException, or hang.
     */
    @Test
    void predictedVsTrueDrawsExtremeValuesInsteadOfFailingOrHanging() {
        double[][][] cases = {{{500, 501}, {Double.MAX_VALUE, 1}}, {{1e16, 1e16 + 2}, {1e16, 1e16 + 2}},
            {{500, 501}, {Double.NaN, Double.POSITIVE_INFINITY}}, {{3, 3}, {3, 3}}};
        for (double[][] c : cases) {
            Path file = dir.resolve("extreme.png");
            assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> PredictedVsTrue.writePng("t",
                    Tensor.column(c[0]), Tensor.column(c[1]), file, 600, 400), java.util.Arrays.deepToString(c));
        }
    }
}
