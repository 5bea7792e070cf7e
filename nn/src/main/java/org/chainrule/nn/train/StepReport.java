package org.chainrule.nn.train;

/**
 * Progress after one mini-batch step, for progress bars.
 *
 * @param epoch the epoch, from 1.
 * @param epochs the number of epochs in the run.
 * @param step the step within the epoch, from 1.
 * @param stepsPerEpoch the number of steps (mini-batches) per epoch.
 * @param batchSize the number of examples in this step's mini-batch.
 * @param loss the mini-batch's loss before this step's update.
 */
public record StepReport(int epoch, int epochs, int step, int stepsPerEpoch, int batchSize, double loss) {

    /**
     * Steps done in the whole run, this one included.
     *
     * @return {@code (epoch - 1) * stepsPerEpoch + step}.
     */
    public long completedSteps() {
        return (long) (epoch - 1) * stepsPerEpoch + step;
    }

    /**
     * Steps in the whole run.
     *
     * @return {@code epochs * stepsPerEpoch}.
     */
    public long totalSteps() {
        return (long) epochs * stepsPerEpoch;
    }

    /**
     * The fraction of the run done.
     *
     * @return {@code completedSteps / totalSteps}, in {@code (0, 1]}.
     */
    public double progress() {
        return (double) completedSteps() / totalSteps();
    }
}
