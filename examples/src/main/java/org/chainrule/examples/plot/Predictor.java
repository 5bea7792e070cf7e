package org.chainrule.examples.plot;

import org.chainrule.core.Tensor;

/**
 * A binary classifier seen from outside: points in, probabilities of class 1 out.
 * For a trained network this is its forward pass on a batch of inputs.
 */
@FunctionalInterface
public interface Predictor {
    /**
     * The predicted probability of class 1 at each point.
     *
     * @param points an {@code m x 2} tensor, one point per row. Not modified.
     * @return an {@code m x 1} tensor of probabilities in {@code [0, 1]}, row {@code i} for point {@code i}.
     */
    Tensor probabilities(Tensor points);
}
