package org.chainrule.examples.progress;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A live bar over all the run's steps, redrawn in place, with the epoch, the running loss
 * and accuracy and the time left beside it, laid out by {@link ProgressLine} for the
 * terminal's width (whole at 80 columns, giving up parts in a fixed order below; the test
 * readout is left to the end of the run). Nothing else is printed while it runs:
 * interleaved lines would tear the bar.
 */
final class TerminalProgress extends CountingProgress {
    private static final int REFRESH_MILLIS = 100;

    private final PrintStream terminal;
    private final int width;
    private ProgressBar bar;
    private long startNanos;
    private String shownLabel = "loss";
    private double shownLoss;
    private double shownAccuracy;

    /**
     * @param terminal the stream the bar is drawn on.
     * @param width the bar line's width in characters, or 0 for the terminal's width.
     */
    TerminalProgress(PrintStream terminal, int width) {
        this.terminal = terminal;
        this.width = width;
    }

    @Override
    void started() {
        startNanos = System.nanoTime();
        bar = new ProgressBarBuilder()
                .setTaskName("train")
                .setInitialMax(totalSteps())
                .setRenderer((state, maxLength) -> line(maxLength))
                .setUpdateIntervalMillis(REFRESH_MILLIS)
                .setConsumer(new ConsoleProgressBarConsumer(terminal, width))
                .build();
    }

    @Override
    void stepped() {
        shownLabel = lossLabel().trim();
        shownLoss = meanLoss();
        shownAccuracy = meanAccuracy();
        bar.step();
    }

    @Override
    void ended(EpochMetrics m) {
        // a regression's epoch: its loss in the data's units, and no accuracy
        shownLabel = "loss";
        shownLoss = m.trainLoss();
        shownAccuracy = m.trainAccuracy();
    }

    /** The line for the bar's current width ({@link ProgressLine}). */
    private String line(int maxLength) {
        long done = stepsDone();
        long elapsed = System.nanoTime() - startNanos;
        long left = done == 0 ? -1 : Math.round(elapsed / 1e9 * (totalSteps() - done) / done);
        return ProgressLine.render(Math.max(1, maxLength), done, totalSteps(), epoch(), epochs(), shownLabel, shownLoss,
                shownAccuracy, left);
    }

    @Override
    void finished() {
        bar.close();
    }
}
