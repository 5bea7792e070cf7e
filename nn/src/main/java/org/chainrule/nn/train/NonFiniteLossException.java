package org.chainrule.nn.train;

import org.chainrule.core.ChainruleException;

/**
 * Training stopped because a mini-batch's loss was NaN or infinite. The update of that step
 * was not applied, so the parameters are those after the last finite step.
 */
public final class NonFiniteLossException extends ChainruleException {
    private static final long serialVersionUID = 1L;

    /** The offending loss. */
    private final double loss;
    /** The epoch, from 1; 0 outside fit. */
    private final int epoch;
    /** The step within the epoch, from 1; 0 outside fit. */
    private final int step;

    NonFiniteLossException(double loss, int epoch, int step, int stepsPerEpoch) {
        super("training stopped: the loss is " + loss
                + (epoch > 0 ? " at epoch " + epoch + ", step " + step + " of " + stepsPerEpoch : " in this step")
                + "; that step's update was not applied. Try a lower learning rate, check the inputs for very large"
                + " values, or train on scores with a stable loss (Losses.SIGMOID_CROSS_ENTROPY,"
                + " Losses.SOFTMAX_CROSS_ENTROPY)");
        this.loss = loss;
        this.epoch = epoch;
        this.step = step;
    }

    /**
     * The offending loss.
     *
     * @return NaN or an infinity.
     */
    public double loss() {
        return loss;
    }

    /**
     * The epoch it happened in.
     *
     * @return the epoch, from 1; 0 for a step taken outside {@link Trainer#fit}.
     */
    public int epoch() {
        return epoch;
    }

    /**
     * The step within the epoch.
     *
     * @return the step, from 1; 0 for a step taken outside {@link Trainer#fit}.
     */
    public int step() {
        return step;
    }
}
