package org.chainrule.examples.progress;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A live bar over all the run's steps, redrawn in place, with the epoch and the running loss
 * and accuracy beside it (kept short so that bar and numbers fit an 80-column terminal; the
 * test readout is left to the end of the run). Nothing else is printed while it runs:
 * interleaved lines would tear the bar.
 */
final class TerminalProgress extends CountingProgress {
    private static final int REFRESH_MILLIS = 100;

    private final PrintStream terminal;
    private final int width;
    private ProgressBar bar;

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
        bar = new ProgressBarBuilder()
                .setTaskName("train")
                .setInitialMax(totalSteps())
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BAR)
                .setUpdateIntervalMillis(REFRESH_MILLIS)
                .setConsumer(new ConsoleProgressBarConsumer(terminal, width))
                .build();
    }

    @Override
    void stepped() {
        bar.setExtraMessage(epochOfPlan() + " " + lossLabel() + loss(meanLoss()) + accuracyPart(" acc ", meanAccuracy()));
        bar.step();
    }

    @Override
    void ended(EpochMetrics m) {
        bar.setExtraMessage("epoch " + m.epoch() + "/" + epochs() + " loss " + loss(m.trainLoss())
                + (m.regression() ? " RMSE " + org.chainrule.core.Tensor.format(m.trainRmse())
                : " acc " + percent(m.trainAccuracy())));
    }

    @Override
    void finished() {
        bar.close();
    }
}
