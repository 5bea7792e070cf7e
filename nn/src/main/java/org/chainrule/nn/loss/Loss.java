package org.chainrule.nn.loss;

import org.chainrule.graph.Node;

/**
 * A loss function: from a prediction node and a target node (examples as rows) to a
 * {@code 1x1} node to call {@code backward} on. The standard ones are in {@link Losses}; any
 * composition of graph operations can be a loss too.
 */
public interface Loss {

    /** What a loss's predictions mean, which decides how they are turned into classes. */
    enum Predictions {
        /**
         * Values on the targets' own scale: probabilities for a classifier (a one-column
         * prediction means class 1 when it is at least 0.5), or real values for regression.
         */
        PROBABILITIES,
        /**
         * Unbounded scores (logits) before a sigmoid or softmax: a one-column prediction
         * means class 1 when it is at least 0.
         */
        SCORES
    }

    /** How a loss combines the examples of a batch. */
    enum Reduction {
        /** A sum over examples: the loss of a set is the sum of its batches' losses. */
        SUM,
        /** A mean over examples: the loss of a set is the size-weighted mean of its batches' losses. */
        MEAN
    }

    /**
     * The loss's name, for messages and reports.
     *
     * @return e.g. {@code "softmax cross-entropy"}.
     */
    String name();

    /**
     * Records the loss of {@code prediction} against {@code target}.
     *
     * @param prediction the model's output, {@code m x k}.
     * @param target the targets, in the same graph.
     * @return a {@code 1x1} node.
     * @throws org.chainrule.core.ShapeMismatchException naming the loss, both shapes and the
     *     rule (and the nodes, where they have names), if the shapes do not fit.
     * @throws org.chainrule.core.ChainruleException if a target value is invalid for this loss
     *     (outside {@code [0, 1]}, a row that is not one-hot, a class index out of range), or
     *     an argument is null, or the two nodes belong to different graphs.
     * @throws org.chainrule.graph.AnomalyException if the graph's anomaly detection is on and
     *     the loss (or a step of it) is NaN or infinite.
     */
    Node apply(Node prediction, Node target);

    /**
     * What the predictions mean. With several columns the predicted class is the largest
     * column either way.
     *
     * @return probabilities or scores.
     */
    Predictions predictions();

    /**
     * How the loss combines examples.
     *
     * @return sum or mean.
     */
    Reduction reduction();
}
