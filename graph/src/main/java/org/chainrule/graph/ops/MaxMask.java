package org.chainrule.graph.ops;

import java.util.Arrays;
import org.chainrule.core.Axis;
import org.chainrule.core.Extrema;
import org.chainrule.graph.AxisOperation;
import org.chainrule.graph.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * Where the maximum is: 1 at the first maximal element of every element ({@link #ALL}), of each
 * row or of each column, 0 elsewhere, in the input's shape ({@code max}'s derivative as a mask,
 * with its tie rule: the first maximal element in row-major order). An operation, not a constant
 * read off a node's value, so that it is recomputed whenever the graph is.
 *
 * <p>VJP: 0 (the mask is flat away from ties, where it jumps).
 */
public final class MaxMask extends AxisOperation {
    /** The mask of the maximum of all elements. */
    public static final MaxMask ALL = new MaxMask(null);

    private MaxMask(Axis axis) {
        super("maxMask", axis, false);
    }

    /**
     * The mask of the maxima along an axis.
     *
     * @param axis {@link Axis#EACH_ROW} for row maxima, {@link Axis#EACH_COLUMN} for column maxima.
     * @return the operation.
     * @throws org.chainrule.core.ChainruleException if {@code axis} is null.
     */
    public static MaxMask along(Axis axis) {
        return new MaxMask(required(axis, "maxMask: the axis is null: give Axis.EACH_ROW or Axis.EACH_COLUMN,"
                + " or use MaxMask.ALL"));
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj y) {
        DMatrixRMaj x = in[0];
        Arrays.fill(y.data, 0, y.getNumElements(), 0.0);
        int slices = axis() == null ? 1 : axis() == Axis.EACH_ROW ? x.numRows : x.numCols;
        for (int s = 0; s < slices; s++) {
            y.data[Extrema.indexOfMax(x, axis(), s)] = 1;
        }
    }

    @Override
    public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj gradient) {
        Arrays.fill(gradient.data, 0, gradient.getNumElements(), 0.0);
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /** None: the mask's derivative is 0. */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node outputGradient) {
        return null;
    }

    @Override
    public double distanceToKink(int input, DMatrixRMaj[] inputs, int element) {
        return Extrema.distanceToTie(inputs[0], axis(), element);
    }

    @Override
    public String localDerivative(int input) {
        return "0";
    }
}
