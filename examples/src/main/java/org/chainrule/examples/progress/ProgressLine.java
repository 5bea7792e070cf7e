package org.chainrule.examples.progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The live progress line, laid out for a given width so that it always reads whole: at 80
 * columns and wider, {@code train  45%  [████░░░░]  epoch 3/100  loss 0.1234  acc 81.2%  0:02 left};
 * narrower, it gives up parts in a fixed order (the time left, the {@code train} label, the
 * word "epoch", the bar, the accuracy, the loss), and never cuts a number.
 */
final class ProgressLine {
    /** The bar is left out rather than drawn narrower than this. */
    static final int MIN_BAR = 10;
    /** The bar is never wider than this. */
    static final int MAX_BAR = 40;

    private ProgressLine() {
    }

    /**
     * The line.
     *
     * @param width the columns available, at least 1.
     * @param done the steps done so far.
     * @param total all the run's steps, at least 1.
     * @param epoch the current epoch.
     * @param epochs the epochs planned.
     * @param loss the running mean loss of the epoch.
     * @param accuracy the running mean accuracy, in {@code [0, 1]}.
     * @param secondsLeft the estimated time left, or a negative number if unknown.
     * @return the line, at most {@code width} characters (a percentage always fits from 4).
     */
    static String render(int width, long done, long total, int epoch, int epochs, double loss, double accuracy,
            long secondsLeft) {
        return render(width, done, total, epoch, epochs, "loss", loss, accuracy, secondsLeft);
    }

    /**
     * The line, with the loss under a given label and without an accuracy where there is none.
     *
     * @param width the columns available, at least 1.
     * @param done the steps done so far.
     * @param total all the run's steps, at least 1.
     * @param epoch the current epoch.
     * @param epochs the epochs planned.
     * @param lossLabel what the loss is, e.g. {@code "loss"} or {@code "standardised loss"} (a
     *     regression's batches).
     * @param loss the running mean loss of the epoch.
     * @param accuracy the running mean accuracy, in {@code [0, 1]}, or {@code NaN} (a regression:
     *     left out).
     * @param secondsLeft the estimated time left, or a negative number if unknown.
     * @return the line, at most {@code width} characters (a percentage always fits from 4).
     */
    static String render(int width, long done, long total, int epoch, int epochs, String lossLabel, double loss,
            double accuracy, long secondsLeft) {
        String percent = Math.min(100, 100 * done / total) + "%";
        String longEpoch = "epoch " + epoch + "/" + epochs;
        String shortEpoch = epoch + "/" + epochs;
        String lossText = lossLabel + " " + CountingProgress.loss(loss);
        String accuracyText = Double.isNaN(accuracy) ? "" : "acc " + CountingProgress.percent(accuracy);
        String left = secondsLeft < 0 ? "" : String.format(Locale.ROOT, "%d:%02d left", secondsLeft / 60,
                secondsLeft % 60);
        List<List<String>> variants = List.of(
                List.of("train", percent, "BAR", longEpoch, lossText, accuracyText, left),
                List.of("train", percent, "BAR", longEpoch, lossText, accuracyText),
                List.of(percent, "BAR", longEpoch, lossText, accuracyText),
                List.of(percent, "BAR", shortEpoch, lossText, accuracyText),
                List.of(percent, shortEpoch, lossText, accuracyText),
                List.of(percent, shortEpoch, lossText),
                List.of(percent, shortEpoch),
                List.of(percent));
        double fraction = Math.min(1, (double) done / total);
        for (List<String> parts : variants) {
            List<String> shown = new ArrayList<>();
            for (String p : parts) {
                if (!p.isEmpty()) {
                    shown.add(p);
                }
            }
            int text = String.join("  ", shown).length() - (shown.contains("BAR") ? 3 : 0);
            if (!shown.contains("BAR")) {
                if (text <= width) {
                    return String.join("  ", shown);
                }
                continue;
            }
            int bar = Math.min(MAX_BAR, width - text - 2); // two brackets
            if (bar >= MIN_BAR) {
                int filled = (int) Math.round(fraction * bar);
                String drawn = "[" + "█".repeat(filled) + "░".repeat(bar - filled) + "]";
                return String.join("  ", shown).replace("BAR", drawn);
            }
        }
        return percent;
    }
}
