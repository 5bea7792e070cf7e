package org.chainrule.nn.train;

/**
 * Progress after one mini-batch step, for progress bars.
 *
 * @param epoch the epoch, from 1.
 * @param epochs the number of epochs in the run.
 * @param step the step within the epoch, from 1.
 * @param stepsPerEpoch the number of steps (mini-batches) per epoch.
 * @param batchSize the number of examples in this step's mini-batch.
 * @param loss the mini-batch's loss before this step's update: the training objective, on
 *     standardised targets if the trainer standardises them.
 * @param correct how many of the mini-batch's examples the model classified correctly before
 *     this step's update, in {@code [0, batchSize]}.
 */
public record StepReport(int epoch, int epochs, int step, int stepsPerEpoch, int batchSize, double loss,
                         int correct) {

    /**
     * The mini-batch's accuracy before this step's update, for a progress bar's running readout.
     *
     * @return {@code correct / batchSize}, in {@code [0, 1]}.
     */
    public double accuracy() {
        return (double) correct / batchSize;
    }

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
