package org.chainrule.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.chainrule.core.ChainruleException;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/** What the pictures share: the playground's colours, one chart style, a canvas, PNG output. */
final class Pictures {
    /** The playground's orange, its class -1: class 0 here. */
    static final Color ORANGE = new Color(0xF5, 0x93, 0x22);
    /** The playground's blue, its class +1: class 1 here. */
    static final Color BLUE = new Color(0x08, 0x77, 0xBD);
    static final Color INK = new Color(0x33, 0x33, 0x33);
    static final Color GRID = new Color(0xE4, 0xE4, 0xE4);
    static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    static final int MIN_WIDTH = 200;
    static final int MIN_HEIGHT = 150;

    private Pictures() {
    }

    /** The house style: white, light grid, grey border, dark text, anti-aliased. */
    static void style(XYStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.GRAY);
        styler.setPlotGridLinesColor(GRID);
        styler.setPlotGridLinesStroke(new BasicStroke(1f));
        styler.setChartFontColor(INK);
        styler.setAxisTickLabelsColor(INK);
        styler.setBaseFont(TEXT);
        styler.setAxisTickLabelsFont(TEXT.deriveFont(12f));
        styler.setAxisTitleFont(TEXT);
        styler.setLegendFont(TEXT.deriveFont(12f));
        styler.setChartTitleFont(TITLE);
        styler.setChartTitleBoxVisible(false);
        styler.setLegendBorderColor(GRID);
        styler.setLegendBackgroundColor(new Color(255, 255, 255, 220));
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setAntiAlias(true);
        styler.setTextAntiAlias(true);
    }

    static void checkSize(String picture, int width, int height) {
        if (width < MIN_WIDTH || height < MIN_HEIGHT) {
            throw new ChainruleException(picture + ": a " + width + "x" + height + " picture is too small to read; use at least "
                    + MIN_WIDTH + "x" + MIN_HEIGHT);
        }
    }

    /** A white RGB image and a high-quality graphics context on it. */
    static BufferedImage canvas(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        return g;
    }

    /** Writes the image as a PNG, creating missing parent directories. */
    static Path writePng(String picture, BufferedImage image, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer in this Java runtime");
            }
            return file;
        } catch (IOException e) {
            throw new ChainruleException(picture + ": cannot write " + file + ": " + e, e);
        }
    }

    /** Values beyond this are not drawn: XChart's axis arithmetic overflows near {@code Double.MAX_VALUE}. */
    static final double LARGEST_DRAWN = 1e300;
    /** A range narrower than this fraction of its magnitude is widened (see {@link #axisRange}). */
    private static final double NARROWEST = 1e-9;
    private static final double PADDING = 1e-6;

    /** Whether XChart can place a value on an axis: finite and within {@code ±1e300}. */
    static boolean drawable(double value) {
        return Math.abs(value) <= LARGEST_DRAWN;
    }

    /**
     * An axis range XChart can label, from the smallest and largest drawn values: a range
     * narrower than {@code 1e-9} of its magnitude (a loss near {@code 1e20} changing by a few
     * units) is widened to {@code ±1e-6} of its middle, a single value 0 to {@code [-1, 1]}.
     * XChart's tick calculation never ends on the narrow ones: its tick step is smaller than
     * the spacing of doubles there.
     *
     * @return {@code [min, max]}, or null if the range is already fine.
     */
    static double[] axisRange(double min, double max) {
        double magnitude = Math.max(Math.abs(min), Math.abs(max));
        if (!(min <= max) || max - min >= NARROWEST * magnitude && max > min) {
            return null;
        }
        double middle = min / 2 + max / 2;
        double half = middle == 0 ? 1 : PADDING * Math.abs(middle);
        return new double[] {middle - half, middle + half};
    }
}
