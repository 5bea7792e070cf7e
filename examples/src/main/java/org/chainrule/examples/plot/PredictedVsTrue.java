package org.chainrule.examples.plot;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A regression's predictions against the true values, one dot per example, in the data's
 * units, with the diagonal {@code predicted = true} on which a perfect model's dots would lie.
 */
public final class PredictedVsTrue {
    private static final String PICTURE = "predicted-vs-true plot";

    private PredictedVsTrue() {
    }

    /**
     * Draws the plot and writes it as a PNG.
     *
     * @param title the picture's title.
     * @param truth the true values, an {@code m x 1} column. Not modified.
     * @param predicted the predictions, {@code m x 1}. Not modified.
     * @param file the PNG to write; missing parent directories are created.
     * @param width the image width in pixels, at least 200.
     * @param height the image height in pixels, at least 150.
     * @return {@code file}. Points with a value that is not finite or beyond {@code ±1e300}
     *     (a diverged model's predictions) are left out; a range too narrow for its magnitude is
     *     widened ({@code Pictures.axisRange}).
     * @throws ChainruleException if the columns differ in shape or are not one column, the size
     *     is too small or the file cannot be written.
     */
    public static Path writePng(String title, Tensor truth, Tensor predicted, Path file, int width, int height) {
        Pictures.checkSize(PICTURE, width, height);
        if (truth.cols() != 1 || !truth.shape().equals(predicted.shape())) {
            throw new ChainruleException(PICTURE + ": needs two m x 1 columns, got " + truth.shape() + " and "
                    + predicted.shape());
        }
        // only the points XChart can place (finite, within 1e300): a diverged model's predictions are left out
        double[] x = new double[truth.rows()];
        double[] y = new double[truth.rows()];
        int n = 0;
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < truth.rows(); i++) {
            double t = truth.getFlat(i);
            double p = predicted.getFlat(i);
            if (Pictures.drawable(t) && Pictures.drawable(p)) {
                x[n] = t;
                y[n] = p;
                n++;
                low = Math.min(low, Math.min(t, p));
                high = Math.max(high, Math.max(t, p));
            }
        }
        if (n == 0) {
            low = 0;
            high = 1;
        }
        double[] labelled = Pictures.axisRange(low, high);
        if (labelled != null) {
            low = labelled[0];
            high = labelled[1];
        }
        x = java.util.Arrays.copyOf(x, n);
        y = java.util.Arrays.copyOf(y, n);
        double margin = 0.04 * (high - low);
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle("true value").yAxisTitle("predicted value").build();
        Pictures.style(chart.getStyler());
        chart.getStyler().setXAxisMin(low - margin).setXAxisMax(high + margin)
                .setYAxisMin(low - margin).setYAxisMax(high + margin);
        XYSeries diagonal = chart.addSeries("predicted = true", new double[] {low - margin, high + margin},
                new double[] {low - margin, high + margin});
        diagonal.setLineColor(Pictures.INK);
        diagonal.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {6f, 4f}, 0f));
        diagonal.setMarker(SeriesMarkers.NONE);
        if (n > 0) {
            XYSeries dots = chart.addSeries("examples", x, y);
            dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            dots.setMarker(SeriesMarkers.CIRCLE);
            dots.setMarkerColor(new java.awt.Color(0x08, 0x77, 0xBD, 150));
        }
        BufferedImage image = Pictures.canvas(width, height);
        Graphics2D g = Pictures.graphics(image);
        chart.paint(g, width, height);
        g.dispose();
        return Pictures.writePng(PICTURE, image, file);
    }
}
