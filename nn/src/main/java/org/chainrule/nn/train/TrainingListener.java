package org.chainrule.nn.train;

/**
 * Hears a training run's progress: the hook for progress bars, loss curves and live plots.
 * Every method does nothing by default, so a listener overrides only what it needs. Calls
 * come from the training thread, in order: {@link #trainingStarted}, then for each epoch its
 * {@link #stepFinished} calls and one {@link #epochFinished}, then {@link #trainingFinished}
 * (not called when training stops with an exception).
 *
 * <p>A listener can end a run early: after each epoch's {@link #epochFinished} calls the
 * trainer asks every listener {@link #stopRequested()}, and stops after that epoch if one
 * says yes ({@link EarlyStopping} does this).
 */
public interface TrainingListener {

    /**
     * Training is about to start.
     *
     * @param epochs the number of epochs.
     * @param stepsPerEpoch the number of mini-batch steps per epoch.
     */
    default void trainingStarted(int epochs, int stepsPerEpoch) {
    }

    /**
     * One mini-batch step is done (parameters updated).
     *
     * @param report where the run is and the batch's loss.
     */
    default void stepFinished(StepReport report) {
    }

    /**
     * One epoch is done and evaluated.
     *
     * @param report the epoch's training and test loss and accuracy.
     */
    default void epochFinished(EpochReport report) {
    }

    /**
     * The run is complete.
     *
     * @param history every epoch's report.
     */
    default void trainingFinished(TrainingHistory history) {
    }

    /**
     * Asked after every epoch's {@link #epochFinished} calls: true ends the run after this
     * epoch ({@link #trainingFinished} is still called, with the epochs run).
     *
     * @return false by default.
     */
    default boolean stopRequested() {
        return false;
    }
}
