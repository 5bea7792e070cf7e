package org.chainrule.nn.train;

import org.chainrule.core.ChainruleException;

/** A figure of an {@link Evaluation} to watch, and which way is better. */
public enum Metric {
    /** The loss; lower is better. */
    LOSS(false),
    /** Classification accuracy; higher is better. */
    ACCURACY(true),
    /** Root mean squared error; lower is better. */
    RMSE(false),
    /** The coefficient of determination R^2; higher is better. */
    R_SQUARED(true);

    private final boolean higherIsBetter;

    Metric(boolean higherIsBetter) {
        this.higherIsBetter = higherIsBetter;
    }

    /**
     * This metric's value in an evaluation.
     *
     * @param evaluation the evaluation.
     * @return the value, NaN if it was not measured.
     * @throws ChainruleException if {@code evaluation} is null.
     */
    public double of(Evaluation evaluation) {
        ChainruleException.requireNonNull(evaluation, "metric: evaluation");
        return switch (this) {
            case LOSS -> evaluation.loss();
            case ACCURACY -> evaluation.accuracy();
            case RMSE -> evaluation.rmse();
            case R_SQUARED -> evaluation.rSquared();
        };
    }

    /**
     * Whether {@code candidate} is strictly better than {@code best}.
     *
     * @param candidate a new value.
     * @param best the best so far (NaN: none yet).
     * @return true if the candidate improves on it.
     */
    public boolean improves(double candidate, double best) {
        if (Double.isNaN(best)) {
            return !Double.isNaN(candidate);
        }
        return higherIsBetter ? candidate > best : candidate < best;
    }
}
