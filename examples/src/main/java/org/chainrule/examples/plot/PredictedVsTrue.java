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
     * @return {@code file}.
     * @throws ChainruleException if the columns differ in shape or are not one column, the size
     *     is too small or the file cannot be written.
     */
    public static Path writePng(String title, Tensor truth, Tensor predicted, Path file, int width, int height) {
        Pictures.checkSize(PICTURE, width, height);
        if (truth.cols() != 1 || !truth.shape().equals(predicted.shape())) {
            throw new ChainruleException(PICTURE + ": needs two m x 1 columns, got " + truth.shape() + " and "
                    + predicted.shape());
        }
        double[] x = truth.matrixView().data.clone();
        double[] y = predicted.matrixView().data.clone();
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            low = Math.min(low, Math.min(x[i], y[i]));
            high = Math.max(high, Math.max(x[i], y[i]));
        }
        double margin = high > low ? 0.04 * (high - low) : 1;
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
        XYSeries dots = chart.addSeries("examples", x, y);
        dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        dots.setMarker(SeriesMarkers.CIRCLE);
        dots.setMarkerColor(new java.awt.Color(0x08, 0x77, 0xBD, 150));
        BufferedImage image = Pictures.canvas(width, height);
        Graphics2D g = Pictures.graphics(image);
        chart.paint(g, width, height);
        g.dispose();
        return Pictures.writePng(PICTURE, image, file);
    }
}
