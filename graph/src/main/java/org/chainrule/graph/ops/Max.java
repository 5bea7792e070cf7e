package org.chainrule.graph.ops;

import org.chainrule.core.Axis;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Extrema;
import org.chainrule.graph.AxisOperation;
import org.chainrule.graph.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * Maximum: of every element ({@code y = max_ij x_ij}, a {@code 1x1} result), of each row
 * ({@code y_i = max_j x_ij}, an {@code mx1} column) or of each column
 * ({@code y_j = max_i x_ij}, a {@code 1xn} row).
 *
 * <p>VJP: each slice's gradient goes to the element that is its maximum, every other element
 * gets 0: {@code dx_ij = dy} where {@code x_ij} is the maximum, else 0.
 *
 * <p>Ties: the FIRST maximal element in storage (row-major) order is the maximum and takes the
 * whole gradient, as NumPy's {@code argmax} picks it. NaN propagates: a slice holding NaN has
 * maximum NaN, and its first NaN takes the gradient. A tie is a kink:
 * {@link #distanceToKink} is how far an element lies below its slice's maximum, or, for the
 * maximum itself, its lead over the runner-up (0 at a tie).
 */
public final class Max extends AxisOperation {
    /** The maximum of all elements. */
    public static final Max ALL = new Max(null);

    private Max(Axis axis) {
        super("max", axis, true);
    }

    /**
     * The maximum along an axis.
     *
     * @param axis {@link Axis#EACH_ROW} for row maxima, {@link Axis#EACH_COLUMN} for column maxima.
     * @return the operation.
     * @throws ChainruleException if {@code axis} is null.
     */
    public static Max along(Axis axis) {
        return new Max(required(axis, "max: the axis is null: give Axis.EACH_ROW (row maxima) or"
                    + " Axis.EACH_COLUMN (column maxima), or call max() for the maximum of everything"));
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj y) {
        Extrema.max(in[0], axis(), y);
    }

    @Override
    public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj gradient) {
        Extrema.maxBackward(in[0], axis(), dy, gradient);
    }

    @Override
    public String localDerivative(int input) {
        return "[{in0} = {out}]";
    }

    @Override
    public double distanceToKink(int input, DMatrixRMaj[] inputs, int element) {
        return Extrema.distanceToTie(inputs[0], axis(), element);
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /** {@code dx = G} at the first maximal element of each slice ({@code maxMask}), 0 elsewhere. */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        Node x = inputs[0];
        return (axis() == null ? x.maxMask() : x.maxMask(axis())).mul(g);
    }
}
