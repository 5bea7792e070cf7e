package org.chainrule.nn.train;

/**
 * A model's loss and accuracy on a dataset.
 *
 * @param loss the loss over the whole set (a sum or a mean, as the loss defines).
 * @param accuracy the fraction of examples classified correctly, in {@code [0, 1]}.
 */
public record Evaluation(double loss, double accuracy) {
}
