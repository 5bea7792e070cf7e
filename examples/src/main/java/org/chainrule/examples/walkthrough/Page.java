package org.chainrule.examples.walkthrough;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.chainrule.core.Tensor;
import org.chainrule.graph.trace.BackwardTrace;
import org.chainrule.graph.trace.Format;

/**
 * What a lesson writes, in plain text or Markdown: headings, sentences, tables, traces, and
 * lines setting one of Chainrule's numbers beside the number the notes give. A number that
 * matches the notes (to the digits they print) says {@code agrees}; a known slip in the notes
 * is flagged {@code <- erratum: ...}; a number that matches neither is flagged
 * {@code <- DIFFERS}, which no lesson should ever print.
 */
final class Page {
    /** What a lesson prints when one of its checks fails; the tests look for it. */
    static final String DIFFERS = "<- DIFFERS";

    private final Format format;
    private final StringBuilder out = new StringBuilder();

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

    /** A paragraph of prose. */
    void text(String paragraph) {
        out.append(paragraph).append("\n\n");
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

    /** A backward trace, rendered in this page's format. */
    void trace(BackwardTrace trace) {
        if (markdown()) {
            out.append(trace.render(Format.MARKDOWN)).append('\n');
        } else {
            out.append(trace.render(Format.TEXT)).append('\n');
        }
    }

    /**
     * Chainrule's number beside the notes', which should agree to the digits the notes print.
     *
     * @param what what the number is.
     * @param computed Chainrule's value.
     * @param notes the notes' value as they print it, e.g. {@code "0.670344"}.
     */
    void notes(String what, double computed, String notes) {
        String verdict = agrees(computed, notes) ? "agrees" : DIFFERS;
        row(what, computed, "notes: " + notes + "   " + verdict);
    }

    /**
     * Chainrule's number beside the value recomputed in double precision for SEED-NOTES.md
     * (where the notes themselves only print a rounded figure).
     *
     * @param what what the number is.
     * @param computed Chainrule's value.
     * @param recomputed the recomputed value as printed there.
     */
    void recomputed(String what, double computed, String recomputed) {
        String verdict = agrees(computed, recomputed) ? "agrees" : DIFFERS;
        row(what, computed, "recomputed: " + recomputed + "   " + verdict);
    }

    /**
     * Chainrule's number beside the notes' rounded one.
     *
     * @param what what the number is.
     * @param computed Chainrule's value.
     * @param notes the notes' rounded value.
     */
    void rounded(String what, double computed, String notes) {
        String verdict = agrees(computed, notes) ? "<- the notes round it" : DIFFERS;
        row(what, computed, "notes: " + notes + "   " + verdict);
    }

    /**
     * Chainrule's number beside an erratum of the notes (SEED-NOTES.md section 5).
     *
     * @param what what the number is.
     * @param computed Chainrule's (correct) value.
     * @param notes the notes' wrong value.
     * @param why what went wrong in the notes.
     */
    void erratum(String what, double computed, String notes, String why) {
        row(what, computed, "notes: " + notes + "   <- erratum: " + why);
    }

    /**
     * A check the lesson makes itself, e.g. closed form against the graph's gradient.
     *
     * @param what what was compared.
     * @param holds whether it held.
     */
    void check(String what, boolean holds) {
        String line = what + ": " + (holds ? "yes" : "no   " + DIFFERS);
        out.append(markdown() ? "- " + line + "\n\n" : line + "\n\n");
    }

    private void row(String what, double computed, String comment) {
        String line = String.format(Locale.ROOT, "%-34s %-12s %s", what, Tensor.format(computed), comment);
        if (markdown()) {
            out.append("- ").append(what).append(" = `").append(Tensor.format(computed)).append("`   ")
                    .append(comment).append('\n');
        } else {
            out.append("  ").append(line.stripTrailing()).append('\n');
        }
    }

    /** Ends a run of {@link #notes}, {@link #rounded} and {@link #erratum} lines. */
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
        return Math.abs(computed - value) <= 0.5 * Math.pow(10, -decimals) * (1 + 1e-9);
    }

    /** Everything written so far. */
    @Override
    public String toString() {
        return out.toString();
    }
}
