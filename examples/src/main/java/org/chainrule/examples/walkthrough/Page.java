package org.chainrule.examples.walkthrough;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.chainrule.core.Tensor;
import org.chainrule.graph.trace.BackwardTrace;
import org.chainrule.graph.trace.Blackboard;
import org.chainrule.graph.trace.Format;
import org.chainrule.graph.trace.PathSum;

/**
 * What a lesson writes, in plain text or Markdown: headings, sentences, tables, traces, and
 * lines setting one of Chainrule's numbers beside the figure the notes print
 * ({@link NotesFigures}) with its kind: {@code agrees}, {@code rounding} or
 * {@code erratum: cause}. A number or check that fails is flagged {@code <- DIFFERS}, which no
 * lesson should ever print. Plain text is at most {@link #WIDTH} columns wide.
 */
final class Page {
    /** What a lesson prints when one of its checks fails; the tests look for it. */
    static final String DIFFERS = "<- DIFFERS";
    /** No plain-text line a lesson writes is wider than this. */
    static final int WIDTH = Blackboard.WIDTH;

    private final Format format;
    private final StringBuilder out = new StringBuilder();
    private final List<BackwardTrace> traces = new ArrayList<>();
    private final List<PathSum> pathSums = new ArrayList<>();

    Page(Format format) {
        this.format = format;
    }

    private boolean markdown() {
        return format == Format.MARKDOWN;
    }

    /** The lesson's heading. */
    void title(String title) {
        if (markdown()) {
            out.append("## ").append(title).append("\n\n");
        } else {
            out.append(title).append('\n').append("=".repeat(title.length())).append("\n\n");
        }
    }

    /** A section heading. */
    void section(String heading) {
        if (markdown()) {
            out.append("### ").append(heading).append("\n\n");
        } else {
            out.append(heading).append('\n').append("-".repeat(heading.length())).append("\n\n");
        }
    }

    /** A paragraph of prose, wrapped at {@link #WIDTH} columns in plain text. */
    void text(String paragraph) {
        out.append(markdown() ? paragraph : String.join("\n", Blackboard.wrap(paragraph, WIDTH))).append("\n\n");
    }

    /** Lines shown verbatim (a Markdown code block), e.g. a formula or a rendered path sum. */
    void verbatim(String lines) {
        String body = lines.endsWith("\n") ? lines : lines + "\n";
        if (markdown()) {
            out.append("```\n").append(body).append("```\n\n");
        } else {
            out.append(body).append('\n');
        }
    }

    /** A path sum, rendered in this page's format and kept for the lesson's web page. */
    void pathSum(PathSum sum) {
        pathSums.add(sum);
        verbatim(sum.render(Format.TEXT));
    }

    /** The backward traces the lesson showed, in order. */
    List<BackwardTrace> traces() {
        return List.copyOf(traces);
    }

    /** The path sums the lesson showed, in order. */
    List<PathSum> pathSums() {
        return List.copyOf(pathSums);
    }

    /** A backward trace, rendered in this page's format and kept for the lesson's web page. */
    void trace(BackwardTrace trace) {
        traces.add(trace);
        if (markdown()) {
            out.append(trace.render(Format.MARKDOWN)).append('\n');
        } else {
            out.append(trace.render(Format.TEXT)).append('\n');
        }
    }

    /**
     * Chainrule's number beside the figure the notes print ({@link NotesFigures}): the value,
     * the printed figure verbatim, and which kind of difference it is (agrees, rounding,
     * erratum with its cause). Flags {@link #DIFFERS} if Chainrule's value is not the table's
     * correct value or the kind does not fit it.
     *
     * @param what what the number is, e.g. {@code h1[1] = sigmoid(a1[1])}.
     * @param computed Chainrule's value.
     * @param key the figure's key in {@link NotesFigures}.
     */
    void quote(String what, double computed, String key) {
        NotesFigures.Figure figure = NotesFigures.get(key);
        boolean right = figure.kind() == NotesFigures.Kind.BEHAVIOUR
                || agrees(computed, figure.correct()) && NotesFigures.kindFits(figure, computed);
        String verdict = figure.kind().word + (figure.cause().isEmpty() ? "" : ": " + figure.cause())
                + (right ? "" : "   " + DIFFERS);
        if (markdown()) {
            out.append("- ").append(what).append(" = `").append(number(computed)).append("`; notes: `")
                    .append(figure.printed()).append("`; ").append(verdict).append('\n');
            return;
        }
        String head = String.format(Locale.ROOT, "  %-26s %-12s notes: %-10s ", what, number(computed),
                figure.printed());
        out.append(hanging(head, verdict)).append('\n');
    }

    /** A number as lessons print it: never {@code -0}. */
    static String number(double v) {
        return Blackboard.number(v);
    }

    /** Every entry of a tensor, row by row, wrapped at {@link #WIDTH} columns after an indent. */
    static String numbers(String indent, Tensor t) {
        List<String> entries = new ArrayList<>();
        for (double[] row : t.toArray()) {
            for (double v : row) {
                entries.add(number(v));
            }
        }
        List<String> lines = Blackboard.wrap(String.join(", ", entries), WIDTH - indent.length());
        return indent + String.join("\n" + indent, lines);
    }

    /**
     * {@code head} followed by {@code tail}, the tail wrapped at {@link #WIDTH} columns with its
     * continuation lines indented to where it started (or by four, if the head is wide).
     */
    private static String hanging(String head, String tail) {
        int indent = WIDTH - head.length() >= 36 ? head.length() : 4;
        List<String> lines = Blackboard.wrap(tail, WIDTH - indent);
        StringBuilder sb = new StringBuilder();
        if (head.length() + lines.get(0).length() > WIDTH) {
            sb.append(head.stripTrailing()).append('\n').append(" ".repeat(indent)).append(lines.get(0));
        } else {
            sb.append(head).append(lines.get(0));
        }
        for (int i = 1; i < lines.size(); i++) {
            sb.append('\n').append(" ".repeat(indent)).append(lines.get(i));
        }
        return sb.toString();
    }

    /**
     * A check the lesson makes itself, e.g. closed form against the graph's gradient.
     *
     * @param what what was compared.
     * @param holds whether it held.
     */
    void check(String what, boolean holds) {
        String line = what + ": " + (holds ? "yes" : "no   " + DIFFERS);
        out.append(markdown() ? "- " + line : String.join("\n", Blackboard.wrap(line, WIDTH))).append("\n\n");
    }

    /** Ends a run of {@link #quote} lines. */
    void endRows() {
        out.append('\n');
    }

    /**
     * A table: aligned columns in text, a pipe table in Markdown.
     *
     * @param header the column names.
     * @param rows the cells, one list per row, as wide as the header.
     */
    void table(List<String> header, List<List<String>> rows) {
        if (markdown()) {
            out.append("| ").append(String.join(" | ", header)).append(" |\n|");
            out.append("---|".repeat(header.size())).append('\n');
            for (List<String> r : rows) {
                out.append("| ").append(String.join(" | ", r)).append(" |\n");
            }
            out.append('\n');
            return;
        }
        int[] widths = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> r : all) {
            for (int c = 0; c < r.size(); c++) {
                widths[c] = Math.max(widths[c], r.get(c).length());
            }
        }
        for (List<String> r : all) {
            StringBuilder line = new StringBuilder(" ");
            for (int c = 0; c < r.size(); c++) {
                line.append(' ').append(String.format(Locale.ROOT, "%-" + widths[c] + "s", r.get(c))).append(' ');
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        out.append('\n');
    }

    /**
     * Whether {@code computed} rounds to {@code notes} at the number of decimals the notes
     * print (a number like {@code 0.000319451} is compared to its last printed digit).
     */
    static boolean agrees(double computed, String notes) {
        double value = Double.parseDouble(notes);
        int point = notes.indexOf('.');
        int decimals = point < 0 ? 0 : notes.length() - point - 1;
        double tolerance = Math.max(0.5 * Math.pow(10, -decimals) * (1 + 1e-9), 4 * Math.ulp(value));
        return Math.abs(computed - value) <= tolerance;
    }

    /** Everything written so far. */
    @Override
    public String toString() {
        return out.toString();
    }
}
