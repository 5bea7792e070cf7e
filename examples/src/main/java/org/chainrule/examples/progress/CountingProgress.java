package org.chainrule.examples.progress;

import java.util.Locale;

/**
 * What both reporters keep: the plan, where the run is, and the running means of the
 * current epoch's batch losses and accuracies. Subclasses draw it.
 */
abstract class CountingProgress implements ProgressReporter {
    private int epochs;
    private int stepsPerEpoch;
    private int epoch;
    private int stepInEpoch;
    private long step;
    private double lossSum;
    private double accuracySum;

    @Override
    public final void start(int epochs, int stepsPerEpoch) {
        if (epochs < 1 || stepsPerEpoch < 1) {
            throw new IllegalArgumentException("progress: need at least one epoch of one step, got " + epochs
                    + " epochs of " + stepsPerEpoch + " steps");
        }
        if (this.epochs != 0) {
            throw new IllegalStateException("progress: start was already called");
        }
        this.epochs = epochs;
        this.stepsPerEpoch = stepsPerEpoch;
        started();
    }

    @Override
    public final void step(int epoch, double loss, double accuracy) {
        requireStarted();
        if (epoch != this.epoch) {
            this.epoch = epoch;
            stepInEpoch = 0;
            lossSum = 0;
            accuracySum = 0;
        }
        stepInEpoch++;
        step++;
        lossSum += loss;
        accuracySum += accuracy;
        stepped();
    }

    @Override
    public final void epochEnd(EpochMetrics metrics) {
        requireStarted();
        ended(metrics);
    }

    @Override
    public final void finish() {
        requireStarted();
        finished();
    }

    /** Training has started; the plan is known. */
    abstract void started();

    /** A step has been counted. */
    abstract void stepped();

    /** An epoch has ended. */
    abstract void ended(EpochMetrics metrics);

    /** Training is over. */
    abstract void finished();

    final int epochs() {
        return epochs;
    }

    final int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    final long totalSteps() {
        return (long) epochs * stepsPerEpoch;
    }

    /** The steps done so far over all epochs. */
    final long stepsDone() {
        return step;
    }

    final int stepInEpoch() {
        return stepInEpoch;
    }

    /** {@code epoch 3/50}: the epoch of the latest step. */
    final String epochOfPlan() {
        return "epoch " + epoch + "/" + epochs;
    }

    /** The mean batch loss of the current epoch so far. */
    final double meanLoss() {
        return lossSum / stepInEpoch;
    }

    /** The mean batch accuracy of the current epoch so far. */
    final double meanAccuracy() {
        return accuracySum / stepInEpoch;
    }

    /**
     * What the batch losses are: {@code "loss "}, or {@code "standardised loss "} for a
     * regression's batches (reported without an accuracy), whose training loss is measured on
     * standardised targets while the epoch's figures are in the data's units.
     */
    final String lossLabel() {
        return Double.isNaN(meanAccuracy()) ? "standardised loss " : "loss ";
    }

    /** {@code 0.1234}: a loss with four decimals. */
    static String loss(double loss) {
        return String.format(Locale.ROOT, "%.4f", loss);
    }

    /**
     * {@code "  accuracy 81.2%"} for a classifier's batches, nothing for a regression's (whose
     * batch accuracy is NaN).
     */
    static String accuracyPart(String label, double accuracy) {
        return Double.isNaN(accuracy) ? "" : label + percent(accuracy);
    }

    /** The epoch's task figure: {@code "train accuracy 81.2%"}, or {@code "train RMSE 3.21"} for a regression. */
    static String figure(String set, double accuracy, double rmse) {
        return Double.isNaN(accuracy) && !Double.isNaN(rmse) ? set + " RMSE " + org.chainrule.core.Tensor.format(rmse)
                : set + " accuracy " + percent(accuracy);
    }

    /** {@code 81.2%}: an accuracy as a percentage with one decimal. */
    static String percent(double accuracy) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * accuracy);
    }

    private void requireStarted() {
        if (epochs == 0) {
            throw new IllegalStateException("progress: call start(epochs, stepsPerEpoch) first");
        }
    }
}
