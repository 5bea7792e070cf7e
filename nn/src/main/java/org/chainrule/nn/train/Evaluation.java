package org.chainrule.nn.train;

/**
 * A model's loss and task metrics on a dataset. A metric that does not apply to the task is
 * NaN: accuracy for regression, RMSE and R^2 for classification; every value is NaN in
 * {@link #NONE}, the evaluation of a set that was not given.
 *
 * <p>For regression every value is in the data's own units: when the trainer standardises
 * the targets, predictions are restored to the data's units before the loss, the RMSE and
 * R^2 are measured.
 *
 * @param loss the loss over the whole set (a sum or a mean, as the loss defines).
 * @param accuracy the fraction of examples classified correctly, in {@code [0, 1]}, or NaN.
 * @param rmse the root mean squared error over every entry, {@code sqrt((1/n) sum (y - t)^2)}, or NaN.
 * @param rSquared the coefficient of determination {@code 1 - SSE / SST}, averaged over the
 *     target columns (1 for perfect predictions, 0 for predicting the mean), or NaN.
 */
public record Evaluation(double loss, double accuracy, double rmse, double rSquared) {
    /** The evaluation of a set that was not given: every value NaN. */
    public static final Evaluation NONE = new Evaluation(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /**
     * A classifier's evaluation.
     *
     * @param loss the loss.
     * @param accuracy the fraction classified correctly.
     */
    public Evaluation(double loss, double accuracy) {
        this(loss, accuracy, Double.NaN, Double.NaN);
    }

    /**
     * Whether this set was evaluated at all.
     *
     * @return false for {@link #NONE}.
     */
    public boolean measured() {
        return !Double.isNaN(loss);
    }
}
