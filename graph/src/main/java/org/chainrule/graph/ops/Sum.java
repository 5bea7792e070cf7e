package org.chainrule.graph.ops;

import org.chainrule.core.Axis;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Reductions;
import org.chainrule.core.Shape;
import org.chainrule.graph.AxisOperation;
import org.chainrule.graph.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * Summation: of every element ({@code y = sum_ij x_ij}, a {@code 1x1} result), of each row
 * ({@code y_i = sum_j x_ij}, an {@code mx1} column) or of each column
 * ({@code y_j = sum_i x_ij}, a {@code 1xn} row).
 *
 * <p>VJP: every element of a slice receives that slice's gradient, {@code dx_ij = dy}
 * (all), {@code dy_i} (each row) or {@code dy_j} (each column).
 */
public final class Sum extends AxisOperation {
    /** The sum of all elements. */
    public static final Sum ALL = new Sum(null);

    private Sum(Axis axis) {
        super("sum", axis, true);
    }

    /**
     * The sum along an axis.
     *
     * @param axis {@link Axis#EACH_ROW} for row sums, {@link Axis#EACH_COLUMN} for column sums.
     * @return the operation.
     * @throws ChainruleException if {@code axis} is null.
     */
    public static Sum along(Axis axis) {
        return new Sum(required(axis, "sum: the axis is null: give Axis.EACH_ROW (row sums) or Axis.EACH_COLUMN"
                    + " (column sums), or call sum() for the sum of everything"));
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj y) {
        if (axis() == null) {
            y.data[0] = Reductions.sumAll(in[0]);
        } else {
            Reductions.sum(in[0], axis(), y);
        }
    }

    @Override
    public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj gradient) {
        Reductions.expand(dy, new Shape(in[0].numRows, in[0].numCols), gradient);
    }

    @Override
    public String localDerivative(int input) {
        return "1";
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /** {@code dx = G} expanded over the summed slice. */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        return g.expand(inputs[0].shape().rows(), inputs[0].shape().cols());
    }
}
