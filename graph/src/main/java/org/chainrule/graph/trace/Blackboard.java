package org.chainrule.graph.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.chainrule.core.Tensor;

/**
 * How the teaching tools lay out plain text, as on a blackboard: numbers as
 * {@link Tensor#format} writes them but never {@code -0}, counts with the right plural
 * ({@code 1 addition}, {@code 2 additions}), and prose wrapped at a width
 * ({@link #WIDTH} columns unless told otherwise).
 */
public final class Blackboard {
    /** No plain-text line a trace, path sum or lesson writes is wider than this. */
    public static final int WIDTH = 100;
    /** {@link #block} prints tensors of up to this many entries in full. */
    public static final int BLOCK_LIMIT = 64;

    private Blackboard() {
    }

    /**
     * A number as the teaching tools print it.
     *
     * @param v the number.
     * @return e.g. {@code 0.670344}, {@code 0} for both zeros, {@code NaN}.
     */
    public static String number(double v) {
        return Tensor.format(v == 0 ? 0.0 : v);
    }

    /**
     * A tensor on one line: a {@code 1x1} as its number, up to twelve entries in full
     * ({@code 1x3 [[0.1, 0.2, 0.7]]}), a bigger one by its shape and norm.
     *
     * @param t the tensor.
     * @return its one-line rendering.
     */
    public static String tensor(Tensor t) {
        return Notation.tensor(t);
    }

    /**
     * {@code prefix}, the tensor (in full up to {@link #BLOCK_LIMIT} entries, else its shape
     * and norm) and {@code suffix}: on one line when that fits in
     * {@link #WIDTH}; otherwise the tensor's rows one under the other, aligned after the
     * prefix, and the suffix on its own line.
     *
     * @param prefix text before the tensor, e.g. {@code "  graph   "}.
     * @param t the tensor.
     * @param suffix text after it, possibly empty.
     * @param indent the indentation of a suffix that gets a line of its own.
     * @return the lines joined by newlines, no final newline.
     */
    public static String block(String prefix, Tensor t, String suffix, int indent) {
        return Notation.block(prefix, t, suffix, indent, BLOCK_LIMIT);
    }

    /**
     * A count and its noun, singular for exactly one.
     *
     * @param n the count.
     * @param singular the noun, e.g. {@code addition}; the plural adds an {@code s}.
     * @return e.g. {@code 1 addition}, {@code 1,000 additions}.
     */
    public static String count(long n, String singular) {
        return String.format(Locale.ROOT, "%,d", n) + " " + (n == 1 ? singular : singular + "s");
    }

    /**
     * Words wrapped into lines of at most {@code width} characters; a single word longer than
     * that gets a line of its own. Spaces inside the text are where it may break.
     *
     * @param text the text, on one line.
     * @param width the widest line, at least 1.
     * @return the lines, at least one.
     */
    public static List<String> wrap(String text, int width) {
        return wrap(text, width, width);
    }

    /**
     * Text wrapped at {@link #WIDTH} columns, every line after the first indented, so that no
     * line is wider than {@link #WIDTH} (unless a single word is).
     *
     * @param text the text, on one line.
     * @param indent spaces before every line after the first.
     * @return the wrapped text, lines joined by newlines, no final newline.
     */
    public static String wrapIndented(String text, int indent) {
        List<String> lines = wrap(text, WIDTH, WIDTH - indent);
        return String.join("\n" + " ".repeat(indent), lines);
    }

    private static List<String> wrap(String text, int firstWidth, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            int limit = lines.isEmpty() ? firstWidth : width;
            if (line.length() > 0 && line.length() + 1 + word.length() > limit) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
