package org.chainrule.examples.progress;

import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * Shows a training run's progress. A training loop calls {@link #start} once,
 * {@link #step} after every mini-batch, {@link #epochEnd} after every epoch and
 * {@link #finish} at the end (also when training stops early).
 *
 * <p>{@link #forOutput} picks the right kind: a live progress bar when a person is watching
 * a terminal, plain periodic lines (about twenty per run) when the output goes to a file or
 * a pipe, where a redrawn bar would be noise.
 */
public interface ProgressReporter {
    /**
     * Training begins.
     *
     * @param epochs the number of epochs planned, at least 1.
     * @param stepsPerEpoch the number of mini-batches per epoch, at least 1.
     */
    void start(int epochs, int stepsPerEpoch);

    /**
     * One mini-batch is done. Reporters show the mean of the batch values over the epoch so far.
     *
     * @param epoch the 1-based epoch it belongs to.
     * @param loss the batch's mean loss.
     * @param accuracy the batch's accuracy in {@code [0, 1]}.
     */
    void step(int epoch, double loss, double accuracy);

    /**
     * An epoch is done and has been evaluated.
     *
     * @param metrics its training and test readout.
     */
    void epochEnd(EpochMetrics metrics);

    /** Training is over: the bar is completed and closed, any buffered lines are flushed. */
    void finish();

    /**
     * The reporter for this process's standard output: a progress bar drawn on the terminal
     * ({@code System.out}) when there is one ({@code System.console() != null}), otherwise
     * plain lines written to {@code out}.
     *
     * @param out where plain lines go, normally a writer on standard output. Flushed before a bar is drawn.
     * @return a new reporter.
     */
    static ProgressReporter forOutput(PrintWriter out) {
        if (System.console() == null) {
            return plain(out);
        }
        out.flush();
        return terminal(System.out);
    }

    /**
     * A reporter that writes plain lines, for files, pipes and logs.
     *
     * @param out where lines go.
     * @return a new reporter.
     */
    static ProgressReporter plain(PrintWriter out) {
        return new PlainProgress(out);
    }

    /**
     * A reporter that draws a live progress bar, redrawn in place, as wide as the terminal.
     *
     * @param terminal a stream on a terminal.
     * @return a new reporter.
     */
    static ProgressReporter terminal(PrintStream terminal) {
        return new TerminalProgress(terminal, 0);
    }
}
