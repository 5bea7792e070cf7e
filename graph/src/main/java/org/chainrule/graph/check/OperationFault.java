package org.chainrule.graph.check;

import java.util.List;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Shape;

/**
 * An operation whose own vector-Jacobian product disagrees with the finite differences of its
 * own forward rule, at the input values it was recorded with: the check of
 * {@code sum(op(X) * R)} for random readout weights {@code R}, with respect to one input
 * {@code X_k}, holding the other inputs fixed.
 *
 * @param node the node's label, e.g. {@code #7 tanh} or {@code 'h1'}.
 * @param operation the operation's name.
 * @param input which of the operation's inputs has the wrong VJP (the first one that fails).
 * @param inputShapes the shapes of all the operation's inputs.
 * @param outputShape the node's shape.
 * @param worst the worst failing element of that input: {@link ElementCheck#row()} and
 *     {@link ElementCheck#col()} index the operation's input {@code input}.
 * @param failures how many elements of that input failed (away from declared kinks).
 * @param elements how many elements that input has.
 */
public record OperationFault(String node, String operation, int input, List<Shape> inputShapes, Shape outputShape,
                             ElementCheck worst, int failures, int elements) {
    /**
     * Copies the shapes into an unmodifiable list.
     *
     * @throws org.chainrule.core.ChainruleException if a component is null.
     */
    public OperationFault {
        ChainruleException.requireNonNull(node, "OperationFault: node");
        ChainruleException.requireNonNull(operation, "OperationFault: operation");
        inputShapes = List.copyOf(inputShapes);
        ChainruleException.requireNonNull(outputShape, "OperationFault: outputShape");
        ChainruleException.requireNonNull(worst, "OperationFault: worst");
    }

    /** E.g. {@code #7 tanh (tanh): the VJP for input 0 of 1 (4x5 -> 4x5) is wrong at 20 of 20 elements; worst at [1, 2]: ...}. */
    @Override
    public String toString() {
        StringBuilder shapes = new StringBuilder();
        for (Shape s : inputShapes) {
            shapes.append(shapes.length() == 0 ? "" : ", ").append(s);
        }
        return node + " (" + operation + "): the VJP for input " + input + " of " + inputShapes.size() + " ("
                + shapes + " -> " + outputShape + ") is wrong at " + failures + " of " + elements
                + (elements == 1 ? " element" : " elements") + "; worst at [" + worst.row() + ", " + worst.col() + "]: "
                + FiniteDifference.describe(worst.analytic(), worst.numeric(),
                worst.absoluteError(), worst.relativeError(), worst.kink(), worst.left(), worst.right())
                + (Double.isNaN(worst.analytic()) && Double.isFinite(worst.numeric())
                        ? "; the VJP was handed a buffer of NaN: it left this element unwritten or read the buffer"
                        + " (a VJP must write every element of its buffer and read none)" : "");
    }
}
