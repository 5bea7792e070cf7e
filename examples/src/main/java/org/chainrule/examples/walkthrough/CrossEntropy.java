package org.chainrule.examples.walkthrough;

import org.chainrule.core.Axis;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;

/**
 * The softmax lessons' shared graph: scores as a parameter (one example per row), softmax
 * along each row, and categorical cross-entropy {@code L = -sum_i y_i log(p_i)} (natural log)
 * summed over the examples, composed from the primitives {@code log}, {@code mul} and
 * {@code sum} so that the trace shows every step: {@code lnp = ln p}, {@code ylnp = y * lnp},
 * {@code S = sum(ylnp)}, {@code L = -S}.
 */
final class CrossEntropy {
    final Graph graph = new Graph();
    final Node scores;
    final Node probabilities;
    final Node loss;

    /**
     * Records the graph.
     *
     * @param scores one example per row.
     * @param targets one-hot rows, same shape.
     */
    CrossEntropy(Tensor scores, Tensor targets) {
        this.scores = graph.parameter("s", scores);
        probabilities = this.scores.softmax(Axis.EACH_ROW).setName("p");
        Node logP = probabilities.log().setName("lnp");
        Node y = graph.constant("y", targets);
        Node picked = y.mul(logP).setName("ylnp");
        loss = picked.sum().setName("S").neg().setName("L");
    }
}
