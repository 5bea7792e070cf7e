package org.chainrule.examples.progress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.chainrule.core.ChainruleException;
import org.chainrule.nn.train.EpochReport;
import org.chainrule.nn.train.StepReport;
import org.chainrule.nn.train.TrainingListener;

/**
 * Hangs a {@link ProgressReporter} on a {@link org.chainrule.nn.train.Trainer}: every step's
 * batch loss and accuracy and every epoch's readout go to the reporter, and the epochs'
 * {@link EpochMetrics} are kept for the learning-curve picture.
 *
 * <p>Close it when training is over, also when training stops with an exception (the trainer
 * does not tell its listeners then), so that a progress bar is completed and the terminal is
 * left tidy:
 * <pre>{@code
 * try (ProgressListener progress = new ProgressListener(ProgressReporter.forOutput(out))) {
 *     Trainer.builder(model, loss, optimizer).listener(progress).build().fit(train, test);
 * }
 * }</pre>
 */
public final class ProgressListener implements TrainingListener, AutoCloseable {
    private final ProgressReporter reporter;
    private final boolean classification;
    private final List<EpochMetrics> history = new ArrayList<>();
    private boolean started;
    private boolean closed;

    /**
     * A listener that reports to {@code reporter}.
     *
     * @param reporter where progress is shown; this listener starts and finishes it.
     */
    public ProgressListener(ProgressReporter reporter) {
        this(reporter, true);
    }

    /**
     * A listener that reports to {@code reporter}, for a classifier or a regression (whose
     * batches have no accuracy to show, and whose batch losses are shown as measured on
     * standardised targets, as the command line's regressions train).
     *
     * @param reporter where progress is shown; this listener starts and finishes it.
     * @param classification false for a regression.
     */
    public ProgressListener(ProgressReporter reporter, boolean classification) {
        this.reporter = ChainruleException.requireNonNull(reporter, "progress listener: reporter");
        this.classification = classification;
    }

    /** Starts the reporter with the run's plan. */
    @Override
    public void trainingStarted(int epochs, int stepsPerEpoch) {
        reporter.start(epochs, stepsPerEpoch);
        started = true;
    }

    /** Passes the batch's loss and accuracy (measured before the step's update) to the reporter. */
    @Override
    public void stepFinished(StepReport report) {
        reporter.step(report.epoch(), report.loss(), classification ? report.accuracy() : Double.NaN);
    }

    /** Records the epoch's metrics and passes them to the reporter. */
    @Override
    public void epochFinished(EpochReport report) {
        EpochMetrics metrics = EpochMetrics.of(report);
        history.add(metrics);
        reporter.epochEnd(metrics);
    }

    /**
     * Every finished epoch's metrics so far, in order.
     *
     * @return an unmodifiable view.
     */
    public List<EpochMetrics> history() {
        return Collections.unmodifiableList(history);
    }

    /** Finishes the reporter if training started; closing again does nothing. */
    @Override
    public void close() {
        if (started && !closed) {
            closed = true;
            reporter.finish();
        }
    }
}
