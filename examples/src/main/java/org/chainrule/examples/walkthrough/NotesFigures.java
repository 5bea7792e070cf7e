package org.chainrule.examples.walkthrough;

import java.util.List;
import org.chainrule.core.ChainruleException;

/**
 * Every figure the lecture notes print in their worked examples, as printed, with where it is
 * printed, the correct value, and what kind of difference lies between them (SEED-NOTES.md,
 * section 7). Lessons quote these, never a recomputed value, in their "notes:" column; the
 * tests pin every lesson line against this table.
 */
final class NotesFigures {
    /** What kind of difference lies between the printed figure and the correct value. */
    enum Kind {
        /** The printed figure is the value (to every digit printed). */
        AGREES("agrees"),
        /** The printed figure is the value rounded or truncated, possibly from rounded terms. */
        ROUNDING("rounding"),
        /** The printed figure is wrong; the figure's cause says why. */
        ERRATUM("erratum"),
        /** A figure of a different measure (the playground's own loss): compared by behaviour only. */
        BEHAVIOUR("behaviour");

        final String word;

        Kind(String word) {
            this.word = word;
        }
    }

    /**
     * One printed figure.
     *
     * @param key the lesson's handle for it, unique in the table.
     * @param notes which notes print it, e.g. {@code "A and B"}.
     * @param where where in those notes, e.g. {@code "the single forward pass, hidden neuron 1"}.
     * @param printed the figure exactly as printed, e.g. {@code "0.62"} or {@code "20.0"}.
     * @param correct the correct value, as SEED-NOTES.md gives it.
     * @param kind agrees, rounding, erratum or behaviour.
     * @param cause why, for rounding, erratum and behaviour (empty for agrees).
     * @param notesArithmetic what the notes' own (rounded or wrong) inputs give, which explains the
     *     printed figure, or NaN when nothing does.
     */
    record Figure(String key, String notes, String where, String printed, String correct, Kind kind, String cause,
            double notesArithmetic) {
        Figure {
            ChainruleException.requireNonNull(cause, "NotesFigures: cause");
        }
    }

    private static final double NONE = Double.NaN;

    private static double sigmoid(double a) {
        return 1 / (1 + Math.exp(-a));
    }

    /** The table, in the order the lessons quote it. */
    static final List<Figure> ALL = List.of(
            // Lesson 1: the single forward pass, notes A and B (the same worked example in both)
            new Figure("a1[1]", "A and B", "single forward pass, neuron 1 pre-activation", "0.52", "0.52",
                    Kind.AGREES, "", NONE),
            new Figure("h1[1]", "A and B", "single forward pass, sigmoid of neuron 1", "0.62", "0.627148",
                    Kind.ROUNDING, "truncated (0.63 when rounded)", NONE),
            new Figure("a1[2]", "A and B", "single forward pass, neuron 2 pre-activation", "0.55", "0.20",
                    Kind.ERRATUM, "0.2*0.2 + 0.3*0.5 + 0.1*(-0.9) + 0.1 = 0.20", NONE),
            new Figure("h1[2]", "A and B", "single forward pass, sigmoid of neuron 2", "0.63", "0.549834",
                    Kind.ERRATUM, "carried slip: sigmoid(0.55) = 0.634136, right for the wrong input", sigmoid(0.55)),
            new Figure("a1[3]", "A and B", "single forward pass, neuron 3 pre-activation", "1.22", "1.22",
                    Kind.AGREES, "", NONE),
            new Figure("h1[3]", "A and B", "single forward pass, sigmoid of neuron 3", "0.77", "0.772064",
                    Kind.ROUNDING, "rounded", NONE),
            new Figure("a2", "A and B", "single forward pass, output pre-activation", "0.756", "0.709743",
                    Kind.ERRATUM, "carried slip: 0.62*0.2 + 0.63*0.6 + 0.77*0.2 + 0.1 = 0.756, right arithmetic on"
                            + " the rounded, wrong inputs", 0.62 * 0.2 + 0.63 * 0.6 + 0.77 * 0.2 + 0.1),
            new Figure("y", "A and B", "single forward pass, output sigmoid(0.756)", "0.68", "0.670344",
                    Kind.ERRATUM, "carried slip: sigmoid(0.756) = 0.680488", sigmoid(0.756)),
            // Lesson 2: softmax and cross-entropy of [6, -2, 3], notes A only
            new Figure("e^6", "A", "softmax of [6, -2, 3], exponentials t", "403.4", "403.429",
                    Kind.ROUNDING, "rounded", NONE),
            new Figure("e^-2", "A", "softmax of [6, -2, 3], exponentials t", "0.135", "0.135335",
                    Kind.ROUNDING, "rounded", NONE),
            new Figure("e^3", "A", "softmax of [6, -2, 3], exponentials t", "20.0", "20.0855",
                    Kind.ROUNDING, "truncated (20.1 when rounded)", NONE),
            new Figure("sum t", "A", "softmax of [6, -2, 3], sum of t", "423.5", "423.650",
                    Kind.ROUNDING, "carried from the rounded terms: 403.4 + 0.135 + 20.0 = 423.535",
                    403.4 + 0.135 + 20.0),
            new Figure("p1", "A", "softmax of [6, -2, 3]", "0.952", "0.952270", Kind.ROUNDING, "rounded", NONE),
            new Figure("p2", "A", "softmax of [6, -2, 3]", "0.00037", "0.000319451",
                    Kind.ERRATUM, "misprint: e^-2 / sum t = 0.135335 / 423.650 = 0.000319451", NONE),
            new Figure("p3", "A", "softmax of [6, -2, 3]", "0.048", "0.0474107", Kind.ROUNDING,
                    "rounded up in its last digit (0.047 to three decimals); it is what is left of 1:"
                            + " 1 - 0.952 - 0.00037 = 0.04763", 1 - 0.952 - 0.00037),
            new Figure("L<1,0,0>", "A", "cross-entropy against <1,0,0>, printed -1(log(0.952)) - 0(...) - 0(...)",
                    "-0.021", "0.0489069", Kind.ERRATUM, "base-10 log, and a loss cannot be negative:"
                            + " log10(0.952) = -0.0214", Math.log10(0.952)),
            new Figure("L<0,0,1>", "A", "cross-entropy against <0,0,1>, printed -log(0.048)", "1.31", "3.04891",
                    Kind.ERRATUM, "base-10 log: -log10(0.048) = 1.3188 (1.32 when rounded)", -Math.log10(0.048)),
            // Lesson 3: softmax of [-0.21, 0.47, 1.72], notes E
            new Figure("sum e^s", "E", "softmax of [-0.21, 0.47, 1.72], sum of exponentials", "8", "7.9951",
                    Kind.ROUNDING, "rounded", NONE),
            new Figure("q1", "E", "softmax of [-0.21, 0.47, 1.72]", "0.1", "0.101385", Kind.ROUNDING, "rounded", NONE),
            new Figure("q2", "E", "softmax of [-0.21, 0.47, 1.72]", "0.2", "0.200122", Kind.ROUNDING, "rounded", NONE),
            new Figure("q3", "E", "softmax of [-0.21, 0.47, 1.72]", "0.7", "0.698493", Kind.ROUNDING, "rounded", NONE),
            // Lesson 10: softmax and cross-entropy of [3.15, 5.3, -2.1], notes C, as NumPy output
            new Figure("r1", "C", "softmax of [3.15, 5.3, -2.1], NumPy output", "1.04274135e-01", "0.104274135",
                    Kind.AGREES, "", NONE),
            new Figure("r2", "C", "softmax of [3.15, 5.3, -2.1], NumPy output", "8.95178684e-01", "0.895178684",
                    Kind.AGREES, "", NONE),
            new Figure("r3", "C", "softmax of [3.15, 5.3, -2.1], NumPy output", "5.47180443e-04", "0.000547180443",
                    Kind.AGREES, "", NONE),
            new Figure("CE[3.15]", "C", "cross-entropy of that softmax against [1, 0, 0], NumPy output",
                    "2.2607319332115297", "2.2607319332115297", Kind.AGREES, "", NONE),
            new Figure("g1", "C", "its gradient p - y, NumPy output", "-8.95725865e-01", "-0.895725865",
                    Kind.AGREES, "", NONE),
            new Figure("g2", "C", "its gradient p - y, NumPy output", "8.95178684e-01", "0.895178684",
                    Kind.AGREES, "", NONE),
            new Figure("g3", "C", "its gradient p - y, NumPy output", "5.47180443e-04", "0.000547180443",
                    Kind.AGREES, "", NONE),
            // Lesson 11: the playground runs, notes B (the playground's own loss: behaviour, not digits)
            new Figure("run1 test", "B", "playground run 1 (1 neuron, lr 0.3), test loss", "0.500", "n/a",
                    Kind.BEHAVIOUR, "the playground's own loss, at chance: one neuron cannot separate the circle,"
                            + " here neither", NONE),
            new Figure("run1 train", "B", "playground run 1 (1 neuron, lr 0.3), training loss", "0.499", "n/a",
                    Kind.BEHAVIOUR, "the playground's own loss, at chance: one neuron cannot separate the circle,"
                            + " here neither", NONE),
            new Figure("run2 test", "B", "playground run 2 (6 and 1 neurons, lr 0.1, epoch 229), test loss", "0.030",
                    "n/a", Kind.BEHAVIOUR,
                    "the playground's own loss, small: the classes are separated, here too", NONE),
            new Figure("run2 train", "B", "playground run 2 (6 and 1 neurons, lr 0.1, epoch 229), training loss",
                    "0.010", "n/a", Kind.BEHAVIOUR,
                    "the playground's own loss, small: the classes are separated, here too", NONE));

    private NotesFigures() {
    }

    /**
     * The figure with this key.
     *
     * @throws IllegalArgumentException if the table has none.
     */
    static Figure get(String key) {
        for (Figure f : ALL) {
            if (f.key().equals(key)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no notes figure '" + key + "'");
    }

    /** The printed figure as a number (NumPy's {@code 1.04274135e-01} included). */
    static double printedValue(Figure figure) {
        return Double.parseDouble(figure.printed());
    }

    /** One unit of the printed figure's last digit (never below a few ulps of a double). */
    static double unit(Figure figure) {
        String p = figure.printed();
        double unit;
        int e = p.indexOf('e');
        if (e >= 0) {
            String mantissa = p.substring(0, e);
            int point = mantissa.indexOf('.');
            int decimals = point < 0 ? 0 : mantissa.length() - point - 1;
            unit = Math.pow(10, Integer.parseInt(p.substring(e + 1)) - decimals);
        } else {
            int point = p.indexOf('.');
            int decimals = point < 0 ? 0 : p.length() - point - 1;
            unit = Math.pow(10, -decimals);
        }
        return Math.max(unit, 4 * Math.ulp(printedValue(figure))); // 17 printed digits are below a double's
    }

    /** Whether the printed figure is {@code value} rounded to its digits. */
    static boolean roundsTo(Figure figure, double value) {
        return Math.abs(value - printedValue(figure)) <= 0.5 * unit(figure) * (1 + 1e-9);
    }

    /** Whether the printed figure is {@code value} rounded or truncated (cut toward zero) to its digits. */
    static boolean roundsOrTruncatesTo(Figure figure, double value) {
        double printed = printedValue(figure);
        double cut = Math.abs(value) - Math.abs(printed);
        boolean truncated = Math.signum(value) == Math.signum(printed) && cut >= 0 && cut < unit(figure);
        return roundsTo(figure, value) || truncated;
    }

    /**
     * Whether the figure's kind fits Chainrule's value: agrees to every printed digit (a figure
     * printed with all the digits that matter); rounding when it is the value rounded or
     * truncated, digits visibly lost (or is the
     * notes' own arithmetic on rounded terms, rounded); an erratum when it is neither, and is
     * explained by the notes' arithmetic when one is given.
     * A behaviour figure is the lesson's own check.
     */
    static boolean kindFits(Figure figure, double value) {
        boolean arithmetic = !Double.isNaN(figure.notesArithmetic());
        return switch (figure.kind()) {
            case AGREES -> roundsTo(figure, value);
            case ROUNDING -> roundsOrTruncatesTo(figure, value)
                    || arithmetic && roundsOrTruncatesTo(figure, figure.notesArithmetic());
            case ERRATUM -> !roundsOrTruncatesTo(figure, value)
                    && (!arithmetic || roundsOrTruncatesTo(figure, figure.notesArithmetic()));
            case BEHAVIOUR -> true;
        };
    }
}
