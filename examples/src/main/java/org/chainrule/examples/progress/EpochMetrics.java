package org.chainrule.examples.progress;

import org.chainrule.core.ChainruleException;
import org.chainrule.nn.train.EpochReport;

/**
 * One epoch's readout, as the playground shows it: the mean loss and the accuracy on the
 * training set and on the held-out test set, or for regression the root mean squared error
 * in the data's units. A value that was not measured (a test value without a test set, the
 * accuracy of a regression, the RMSE of a classifier) is {@code NaN} and is left out of
 * reports and plots.
 *
 * @param epoch the 1-based epoch number.
 * @param trainLoss the mean loss over the training set.
 * @param trainAccuracy the fraction of training examples classified correctly, in {@code [0, 1]}.
 * @param testLoss the mean loss over the test set, or {@code NaN}.
 * @param testAccuracy the fraction of test examples classified correctly, in {@code [0, 1]}, or {@code NaN}.
 * @param trainRmse the training set's root mean squared error, or {@code NaN}.
 * @param testRmse the test set's root mean squared error, or {@code NaN}.
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
                           double trainRmse, double testRmse) {
    /**
     * Checks the epoch number and that accuracies are fractions.
     *
     * @param epoch the 1-based epoch number.
     * @param trainLoss the mean training loss (any value: a diverging run is reported as it is).
     * @param trainAccuracy the training accuracy in {@code [0, 1]}, or {@code NaN} for regression.
     * @param testLoss the mean test loss, or {@code NaN}.
     * @param testAccuracy the test accuracy in {@code [0, 1]}, or {@code NaN}.
     * @param trainRmse the training RMSE, or {@code NaN} for a classifier.
     * @param testRmse the test RMSE, or {@code NaN}.
     */
    public EpochMetrics {
        if (epoch < 1) {
            throw new ChainruleException("epoch metrics: epochs are numbered from 1, got " + epoch);
        }
        checkFraction("train accuracy", trainAccuracy, !Double.isNaN(trainRmse));
        checkFraction("test accuracy", testAccuracy, true);
    }

    /**
     * A classifier's epoch.
     *
     * @param epoch the 1-based epoch number.
     * @param trainLoss the mean training loss.
     * @param trainAccuracy the training accuracy in {@code [0, 1]}.
     * @param testLoss the mean test loss, or {@code NaN}.
     * @param testAccuracy the test accuracy in {@code [0, 1]}, or {@code NaN}.
     */
    public EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy) {
        this(epoch, trainLoss, trainAccuracy, testLoss, testAccuracy, Double.NaN, Double.NaN);
    }

    /**
     * Whether this is a regression's epoch (RMSE rather than accuracy).
     *
     * @return true if the training RMSE was measured.
     */
    public boolean regression() {
        return !Double.isNaN(trainRmse);
    }

    /**
     * An epoch with no test set.
     *
     * @param epoch the 1-based epoch number.
     * @param trainLoss the mean training loss.
     * @param trainAccuracy the training accuracy in {@code [0, 1]}.
     * @return metrics whose test values are {@code NaN}.
     */
    public static EpochMetrics trainOnly(int epoch, double trainLoss, double trainAccuracy) {
        return new EpochMetrics(epoch, trainLoss, trainAccuracy, Double.NaN, Double.NaN);
    }

    /**
     * The readout of a {@link org.chainrule.nn.train.Trainer} epoch.
     *
     * @param report the trainer's report; its test values are {@code NaN} when it had no test set.
     * @return the same epoch's metrics.
     */
    public static EpochMetrics of(EpochReport report) {
        return new EpochMetrics(report.epoch(), report.trainLoss(), report.trainAccuracy(), report.testLoss(),
                report.testAccuracy(), report.train().rmse(), report.test().rmse());
    }

    /**
     * Whether the test values were measured.
     *
     * @return {@code true} unless both test values are {@code NaN}.
     */
    public boolean hasTest() {
        return !(Double.isNaN(testLoss) && Double.isNaN(testAccuracy));
    }

    private static void checkFraction(String name, double value, boolean mayBeMissing) {
        if (Double.isNaN(value) ? !mayBeMissing : value < 0 || value > 1) {
            throw new ChainruleException("epoch metrics: " + name + " must be a fraction in [0, 1], got " + value);
        }
    }
}
