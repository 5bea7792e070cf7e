package org.chainrule.nn.train;

/**
 * The readout after one epoch, as TensorFlow Playground shows it: loss and accuracy on the
 * training set and on the held-out test set. Test values are NaN when training ran without
 * a test set.
 *
 * @param epoch the epoch, from 1.
 * @param epochs the number of epochs in the run.
 * @param trainLoss the training set's loss.
 * @param trainAccuracy the fraction of training examples classified correctly, in {@code [0, 1]}.
 * @param testLoss the test set's loss, or NaN.
 * @param testAccuracy the fraction of test examples classified correctly, or NaN.
 */
public record EpochReport(int epoch, int epochs, double trainLoss, double trainAccuracy, double testLoss,
                          double testAccuracy) {
}
