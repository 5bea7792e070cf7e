package org.chainrule.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.nn.data.Dataset;
import org.ejml.data.DMatrixRMaj;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;

/**
 * What a binary classifier of two features has learned, as the playground shows it: the
 * plane shaded by the predicted probability of class 1 (orange near 0, white at 0.5, blue
 * near 1, with a colour bar), the 0.5 contour drawn as the decision boundary, and the data
 * points on top, coloured by their true class.
 *
 * <p>The shaded region is the data's bounding box with a margin. The predictor is asked once,
 * for a {@value #GRID} by {@value #GRID} grid of points, and the result is smoothed to the
 * picture's size.
 */
public final class DecisionBoundary {
    /** The probability grid is GRID x GRID points. */
    static final int GRID = 200;
    private static final String PICTURE = "decision boundary";
    private static final double MARGIN = 0.08;
    /** How far the shading goes from white towards the class colour at probability 0 or 1. */
    private static final double MAX_TINT = 0.6;
    private static final int COLOR_BAR_SPACE = 90;
    private static final int COLOR_BAR_WIDTH = 14;
    private static final Color BOUNDARY = new Color(0x44, 0x44, 0x44);

    private DecisionBoundary() {
    }

    /**
     * Draws the decision boundary and writes it as a PNG.
     *
     * @param title the picture's title, e.g. {@code "two spirals, 6-6 tanh network"}.
     * @param data the points to show: two features, two classes. Not modified.
     * @param predictor the classifier. Called once with a {@code GRID^2 x 2} tensor.
     * @param file the PNG to write; missing parent directories are created.
     * @param width the image width in pixels, at least 200.
     * @param height the image height in pixels, at least 150.
     * @return {@code file}.
     * @throws ChainruleException if the data are not 2-D and binary, the predictor answers with
     *     the wrong shape or with values outside {@code [0, 1]}, the size is too small or the
     *     file cannot be written.
     */
    public static Path writePng(String title, Dataset data, Predictor predictor, Path file, int width, int height) {
        Pictures.checkSize(PICTURE, width + COLOR_BAR_SPACE, height);
        if (data.featureCount() != 2 || data.classes() != 2) {
            throw new ChainruleException(PICTURE + ": needs points with 2 features and 2 classes, got "
                    + data.featureCount() + " features and " + data.classes() + " classes");
        }
        Box box = Box.around(data.features());
        double[][] probability = probabilities(predictor, box);

        int chartWidth = width - COLOR_BAR_SPACE;
        XYChart chart = chart(title, data, box, chartWidth, height);
        // Lay the chart out once to learn where its plot area lands, then draw the shading
        // there and the chart (transparent plot, points on top) over it.
        Graphics2D scratch = Pictures.canvas(chartWidth, height).createGraphics();
        chart.paint(scratch, chartWidth, height);
        scratch.dispose();
        Screen screen = new Screen(chart, box);

        BufferedImage image = Pictures.canvas(width, height);
        Graphics2D g = Pictures.graphics(image);
        g.drawImage(shading(probability), (int) Math.round(screen.left), (int) Math.round(screen.top),
                (int) Math.round(screen.right - screen.left), (int) Math.round(screen.bottom - screen.top), null);
        drawBoundary(g, probability, box, screen);
        chart.paint(g, chartWidth, height);
        drawColorBar(g, chartWidth + 12, screen);
        g.dispose();
        return Pictures.writePng(PICTURE, image, file);
    }

    /** The predictor's answer on the grid: {@code p[row][col]}, row 0 at the top. */
    private static double[][] probabilities(Predictor predictor, Box box) {
        DMatrixRMaj points = new DMatrixRMaj(GRID * GRID, 2);
        for (int row = 0; row < GRID; row++) {
            for (int col = 0; col < GRID; col++) {
                points.unsafe_set(row * GRID + col, 0, box.x(col + 0.5));
                points.unsafe_set(row * GRID + col, 1, box.y(row + 0.5));
            }
        }
        Tensor answer = predictor.probabilities(Tensor.adopt(points));
        if (answer.rows() != GRID * GRID || answer.cols() != 1) {
            throw new ChainruleException(PICTURE + ": the predictor returned " + answer.shape() + " for "
                    + GRID * GRID + " points; it must return one probability per point, " + GRID * GRID + "x1");
        }
        double[][] p = new double[GRID][GRID];
        for (int row = 0; row < GRID; row++) {
            for (int col = 0; col < GRID; col++) {
                double v = answer.get(row * GRID + col, 0);
                if (!(v >= 0 && v <= 1)) {
                    throw new ChainruleException(PICTURE + ": the predictor returned " + v + " at ("
                            + box.x(col + 0.5) + ", " + box.y(row + 0.5) + "); probabilities lie in [0, 1]");
                }
                p[row][col] = v;
            }
        }
        return p;
    }

    private static XYChart chart(String title, Dataset data, Box box, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle("x1").yAxisTitle("x2").build();
        Pictures.style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setPlotBackgroundColor(new Color(0, 0, 0, 0));
        chart.getStyler().setChartBackgroundColor(new Color(0, 0, 0, 0));
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler().setPlotContentSize(1.0);
        chart.getStyler().setXAxisMin(box.xMin).setXAxisMax(box.xMax);
        chart.getStyler().setYAxisMin(box.yMin).setYAxisMax(box.yMax);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        int marker = Math.max(5, Math.min(width, height) / 90);
        chart.getStyler().setMarkerSize(marker);

        double[][] xy = data.features().toArray();
        int[] labels = data.labels();
        Color[] colors = {Pictures.ORANGE, Pictures.BLUE};
        for (int label = 0; label < 2; label++) {
            int count = 0;
            for (int l : labels) {
                count += l == label ? 1 : 0;
            }
            if (count == 0) {
                continue;
            }
            double[] x = new double[count];
            double[] y = new double[count];
            for (int i = 0, k = 0; i < labels.length; i++) {
                if (labels[i] == label) {
                    x[k] = xy[i][0];
                    y[k++] = xy[i][1];
                }
            }
            XYSeries series = chart.addSeries("class " + label, x, y);
            series.setMarker(new OutlinedCircle());
            series.setMarkerColor(colors[label]);
        }
        return chart;
    }

    /** The probability grid as a GRID x GRID image, one pixel per grid point. */
    private static BufferedImage shading(double[][] p) {
        BufferedImage image = new BufferedImage(GRID, GRID, BufferedImage.TYPE_INT_RGB);
        for (int row = 0; row < GRID; row++) {
            for (int col = 0; col < GRID; col++) {
                image.setRGB(col, row, shade(p[row][col]).getRGB());
            }
        }
        return image;
    }

    /** White at 0.5, tinted towards orange below and blue above, more the surer the prediction. */
    static Color shade(double p) {
        double sureness = Math.abs(2 * p - 1);
        Color toward = p < 0.5 ? Pictures.ORANGE : Pictures.BLUE;
        double t = MAX_TINT * sureness;
        return new Color(mix(toward.getRed(), t), mix(toward.getGreen(), t), mix(toward.getBlue(), t));
    }

    private static int mix(int channel, double t) {
        return (int) Math.round(255 + (channel - 255) * t);
    }

    /**
     * The 0.5 contour by marching squares: in each square of four neighbouring grid points
     * whose values straddle 0.5, a segment joins the edge crossings (linearly interpolated).
     */
    private static void drawBoundary(Graphics2D g, double[][] p, Box box, Screen screen) {
        g.setColor(BOUNDARY);
        g.setStroke(new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int row = 0; row + 1 < GRID; row++) {
            for (int col = 0; col + 1 < GRID; col++) {
                // Corners clockwise from top-left, and the crossings on the edges between them.
                double[] v = {p[row][col] - 0.5, p[row][col + 1] - 0.5, p[row + 1][col + 1] - 0.5, p[row + 1][col] - 0.5};
                double[][] corner = {{col, row}, {col + 1, row}, {col + 1, row + 1}, {col, row + 1}};
                Point2D[] crossing = new Point2D[4];
                int found = 0;
                for (int e = 0; e < 4; e++) {
                    double a = v[e];
                    double b = v[(e + 1) % 4];
                    if ((a < 0) != (b < 0)) {
                        double t = a / (a - b);
                        double gc = corner[e][0] + t * (corner[(e + 1) % 4][0] - corner[e][0]);
                        double gr = corner[e][1] + t * (corner[(e + 1) % 4][1] - corner[e][1]);
                        crossing[found++] = screen.of(box.x(gc + 0.5), box.y(gr + 0.5));
                    }
                }
                if (found >= 2) {
                    g.draw(new Line2D.Double(crossing[0], crossing[1]));
                }
                if (found == 4) {
                    g.draw(new Line2D.Double(crossing[2], crossing[3]));
                }
            }
        }
    }

    private static void drawColorBar(Graphics2D g, int x, Screen screen) {
        int top = (int) Math.round(screen.top);
        int height = (int) Math.round(screen.bottom - screen.top);
        for (int i = 0; i < height; i++) {
            g.setColor(shade(1 - (double) i / (height - 1)));
            g.fillRect(x, top + i, COLOR_BAR_WIDTH, 1);
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x, top, COLOR_BAR_WIDTH, height);
        g.setFont(Pictures.TEXT.deriveFont(12f));
        g.setColor(Pictures.INK);
        FontMetrics metrics = g.getFontMetrics();
        String[] ticks = {"1", "0.5", "0"};
        for (int i = 0; i < ticks.length; i++) {
            int y = top + i * height / 2;
            g.drawLine(x + COLOR_BAR_WIDTH, y, x + COLOR_BAR_WIDTH + 4, y);
            g.drawString(ticks[i], x + COLOR_BAR_WIDTH + 7, y + metrics.getAscent() / 2 - 1);
        }
        String label = "P(class 1)";
        AffineTransform saved = g.getTransform();
        g.translate(x + COLOR_BAR_WIDTH + 30 + metrics.getAscent(), top + height / 2.0 + metrics.stringWidth(label) / 2.0);
        g.rotate(-Math.PI / 2);
        g.drawString(label, 0, 0);
        g.setTransform(saved);
    }

    /** A filled circle with a white rim, so a point stays visible on shading of its own colour. */
    private static final class OutlinedCircle extends Marker {
        private static final BasicStroke RIM = new BasicStroke(1.2f);

        @Override
        public void paint(Graphics2D g, double x, double y, int size) {
            Ellipse2D circle = new Ellipse2D.Double(x - size / 2.0, y - size / 2.0, size, size);
            g.fill(circle);
            Color fill = g.getColor();
            g.setColor(Color.WHITE);
            g.setStroke(RIM);
            g.draw(circle);
            g.setColor(fill);
        }
    }

    /** The shaded region in data coordinates, with grid coordinates running left to right and top to bottom. */
    private record Box(double xMin, double xMax, double yMin, double yMax) {
        static Box around(Tensor points) {
            double xMin = Double.POSITIVE_INFINITY;
            double xMax = Double.NEGATIVE_INFINITY;
            double yMin = Double.POSITIVE_INFINITY;
            double yMax = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < points.rows(); i++) {
                xMin = Math.min(xMin, points.get(i, 0));
                xMax = Math.max(xMax, points.get(i, 0));
                yMin = Math.min(yMin, points.get(i, 1));
                yMax = Math.max(yMax, points.get(i, 1));
            }
            double xPad = xMax > xMin ? MARGIN * (xMax - xMin) : 1;
            double yPad = yMax > yMin ? MARGIN * (yMax - yMin) : 1;
            return new Box(xMin - xPad, xMax + xPad, yMin - yPad, yMax + yPad);
        }

        /** The x of grid column {@code col} (a centre at {@code col + 0.5}). */
        double x(double col) {
            return xMin + col * (xMax - xMin) / GRID;
        }

        /** The y of grid row {@code row}, row 0 at the top. */
        double y(double row) {
            return yMax - row * (yMax - yMin) / GRID;
        }
    }

    /** Where the chart put its plot area, in pixels, after a paint. */
    private static final class Screen {
        private final XYChart chart;
        final double left;
        final double right;
        final double top;
        final double bottom;

        Screen(XYChart chart, Box box) {
            this.chart = chart;
            left = chart.getScreenXFromChart(box.xMin);
            right = chart.getScreenXFromChart(box.xMax);
            top = chart.getScreenYFromChart(box.yMax);
            bottom = chart.getScreenYFromChart(box.yMin);
        }

        Point2D of(double x, double y) {
            return new Point2D.Double(chart.getScreenXFromChart(x), chart.getScreenYFromChart(y));
        }
    }
}
