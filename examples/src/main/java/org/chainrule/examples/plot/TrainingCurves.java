package org.chainrule.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.chainrule.core.ChainruleException;
import org.chainrule.examples.progress.EpochMetrics;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The learning curves of a run as one PNG with two panels side by side: the loss per epoch
 * on the left, the accuracy per epoch on the right, each with the training set (solid) and
 * the test set (dashed). Values that were not measured or are not finite ({@code NaN} test
 * values, a diverged loss) are left out rather than drawn, and so are values beyond
 * {@code ±1e300}. A range too narrow for its magnitude to be labelled (a loss near
 * {@code 1e20} that changes by a few units) is widened to {@code ±1e-6} of its middle:
 * XChart's tick calculation never ends on such ranges, because its tick step is smaller
 * than the spacing of doubles there.
 */
public final class TrainingCurves {
    private static final String PICTURE = "training curves";
    /** Up to this many epochs each one gets a dot; beyond, the line alone reads better. */
    private static final int MAX_EPOCHS_WITH_MARKERS = 40;
    private static final BasicStroke SOLID = new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final BasicStroke DASHED = new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
            10f, new float[] {7f, 5f}, 0f);

    private TrainingCurves() {
    }

    /**
     * Draws the curves and writes them as a PNG.
     *
     * @param history one entry per epoch, in order. Not modified.
     * @param file the PNG to write; missing parent directories are created.
     * @param width the image width in pixels, at least 200.
     * @param height the image height in pixels, at least 150.
     * @return {@code file}.
     * @throws ChainruleException if the history is empty, the size too small or the file cannot be written.
     */
    public static Path writePng(List<EpochMetrics> history, Path file, int width, int height) {
        Pictures.checkSize(PICTURE, width, height);
        if (history.isEmpty()) {
            throw new ChainruleException(PICTURE + ": the history has no epochs to draw");
        }
        int leftWidth = width / 2;
        XYChart loss = panel("Loss", "mean loss", history, EpochMetrics::trainLoss, EpochMetrics::testLoss,
                leftWidth, height);
        XYChart accuracy;
        if (history.get(0).regression()) {
            accuracy = panel("RMSE (data units)", "root mean squared error", history, EpochMetrics::trainRmse,
                    EpochMetrics::testRmse, width - leftWidth, height);
        } else {
            accuracy = panel("Accuracy", "accuracy", history, EpochMetrics::trainAccuracy,
                    EpochMetrics::testAccuracy, width - leftWidth, height);
            accuracy.getStyler().setYAxisDecimalPattern("0.#%");
            accuracy.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        }

        BufferedImage image = Pictures.canvas(width, height);
        Graphics2D g = Pictures.graphics(image);
        loss.paint(g, leftWidth, height);
        g.translate(leftWidth, 0);
        accuracy.paint(g, width - leftWidth, height);
        g.dispose();
        return Pictures.writePng(PICTURE, image, file);
    }

    private static XYChart panel(String title, String yTitle, List<EpochMetrics> history,
            ToDoubleFunction<EpochMetrics> train, ToDoubleFunction<EpochMetrics> test, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle("epoch").yAxisTitle(yTitle).build();
        Pictures.style(chart.getStyler());
        // Half an epoch of room at both ends; it also keeps XChart from labelling every
        // epoch, which it does when the axis values are equally spaced.
        chart.getStyler().setXAxisMin(history.get(0).epoch() - 0.5);
        chart.getStyler().setXAxisMax(history.get(history.size() - 1).epoch() + 0.5);
        chart.getStyler().setXAxisDecimalPattern("0");
        boolean markers = history.size() <= MAX_EPOCHS_WITH_MARKERS;
        double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        addSeries(chart, "train", history, train, Pictures.BLUE, SOLID, markers, range);
        addSeries(chart, "test", history, test, Pictures.ORANGE, DASHED, markers, range);
        double[] labelled = range[0] == range[1] ? null : Pictures.axisRange(range[0], range[1]);
        if (labelled != null) {
            chart.getStyler().setYAxisMin(labelled[0]);
            chart.getStyler().setYAxisMax(labelled[1]);
        }
        return chart;
    }

    /**
     * Adds the drawable values of one curve (a curve with none is left out), and widens
     * {@code range} ({@code [min, max]}, modified) to take them in.
     */
    private static void addSeries(XYChart chart, String name, List<EpochMetrics> history,
            ToDoubleFunction<EpochMetrics> value, Color color, BasicStroke stroke, boolean markers, double[] range) {
        double[] x = new double[history.size()];
        double[] y = new double[history.size()];
        int n = 0;
        for (EpochMetrics m : history) {
            double v = value.applyAsDouble(m);
            if (Pictures.drawable(v)) {
                x[n] = m.epoch();
                y[n] = v;
                n++;
                range[0] = Math.min(range[0], v);
                range[1] = Math.max(range[1], v);
            }
        }
        if (n == 0) {
            return;
        }
        XYSeries series = chart.addSeries(name, Arrays.copyOf(x, n), Arrays.copyOf(y, n));
        series.setLineColor(color);
        series.setLineStyle(stroke);
        series.setMarkerColor(color);
        series.setMarker(markers || n == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    }
}
