package org.chainrule.nn.train;

import org.chainrule.core.ChainruleException;

/**
 * The readout after one epoch: loss and metrics on the training set, on the validation part
 * (split from the training data, when the trainer has a validation ratio) and on the held-out
 * test set. A set that was not given is {@link Evaluation#NONE}.
 *
 * @param epoch the epoch, from 1.
 * @param epochs the number of epochs in the run.
 * @param train the training set's evaluation.
 * @param validation the validation part's evaluation, or {@link Evaluation#NONE}.
 * @param test the test set's evaluation, or {@link Evaluation#NONE}.
 */
public record EpochReport(int epoch, int epochs, Evaluation train, Evaluation validation, Evaluation test) {

    /**
     * Checks the parts.
     *
     * @param epoch the epoch, from 1.
     * @param epochs the number of epochs in the run.
     * @param train the training set's evaluation.
     * @param validation the validation part's evaluation, or {@link Evaluation#NONE}.
     * @param test the test set's evaluation, or {@link Evaluation#NONE}.
     * @throws ChainruleException if an evaluation is null.
     */
    public EpochReport {
        ChainruleException.requireNonNull(train, "epoch report: train");
        ChainruleException.requireNonNull(validation, "epoch report: validation");
        ChainruleException.requireNonNull(test, "epoch report: test");
    }

    /**
     * The training set's loss.
     *
     * @return {@code train().loss()}.
     */
    public double trainLoss() {
        return train.loss();
    }

    /**
     * The fraction of training examples classified correctly.
     *
     * @return {@code train().accuracy()}, NaN for regression.
     */
    public double trainAccuracy() {
        return train.accuracy();
    }

    /**
     * The test set's loss.
     *
     * @return {@code test().loss()}, NaN without a test set.
     */
    public double testLoss() {
        return test.loss();
    }

    /**
     * The fraction of test examples classified correctly.
     *
     * @return {@code test().accuracy()}, NaN without a test set or for regression.
     */
    public double testAccuracy() {
        return test.accuracy();
    }
}
