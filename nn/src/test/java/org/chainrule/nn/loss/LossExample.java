package org.chainrule.nn.loss;

import java.util.function.BinaryOperator;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.check.GraphFunction;

/**
 * One loss at one point, as a scalar function for the gradient checker:
 * {@code f = loss(prediction, target)}. When the target is a continuous input it is checked
 * too (both tensors are the checker's inputs); a discrete target (one-hot rows, class
 * indices) is held fixed as a constant.
 *
 * @param name what is checked, for reports.
 * @param loss records the loss from the prediction node and the target node.
 * @param prediction the prediction (or scores).
 * @param target the target.
 * @param targetIsInput whether the target is differentiated too.
 */
record LossExample(String name, BinaryOperator<Node> loss, Tensor prediction, Tensor target, boolean targetIsInput)
        implements GraphFunction {

    /** The tensors to check at: the prediction, and the target if it is an input. */
    Tensor[] checkInputs() {
        return targetIsInput ? new Tensor[] {prediction, target} : new Tensor[] {prediction};
    }

    @Override
    public Node build(Graph graph, Node... x) {
        return loss.apply(x[0], targetIsInput ? x[1] : graph.constant("t", target));
    }

    /** E.g. {@code L2 loss at y = 1x2 [[0.5, -1]], t = 1x2 [[1, 0]] (target checked too)}. */
    @Override
    public String toString() {
        return name + " at y = " + prediction + ", t = " + target
                + (targetIsInput ? " (target checked too)" : " (target fixed)");
    }
}
