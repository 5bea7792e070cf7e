package org.chainrule.graph.ops;

import java.util.List;
import org.chainrule.core.Broadcast;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Rearrange;
import org.chainrule.core.Shape;
import org.chainrule.core.ShapeMismatchException;
import org.chainrule.graph.NamedOperation;
import org.chainrule.graph.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * Repeats a {@code 1xn} row, an {@code mx1} column or a {@code 1x1} scalar over an
 * {@code r x c} shape, as broadcasting does: {@code Y[i, j] = X[0, j]}, {@code X[i, 0]} or
 * {@code X[0, 0]} (a same-shaped input is copied). The adjoint of {@code sum}: the VJP of a sum
 * over rows is the output gradient expanded over them, and the VJP of an expansion is the sum
 * back, {@code dX = sum of dY over the repeated axes}, which the engine does as for every
 * broadcast input.
 */
public final class Expand extends NamedOperation {
    private final int rows;
    private final int cols;

    private Expand(int rows, int cols) {
        super("expand[" + rows + "x" + cols + "]", 1);
        this.rows = rows;
        this.cols = cols;
    }

    /**
     * The expansion to {@code rows x cols}.
     *
     * @param rows the output's rows, at least 1.
     * @param cols the output's columns, at least 1.
     * @return the operation.
     * @throws ChainruleException if a size is less than 1.
     */
    public static Expand to(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new ChainruleException("expand: the shape must be at least 1x1, got " + rows + "x" + cols);
        }
        return new Expand(rows, cols);
    }

    @Override
    public Shape outputShape(List<Shape> in) {
        Shape x = in.get(0);
        Shape y = new Shape(rows, cols);
        boolean fits = (x.rows() == rows || x.rows() == 1) && (x.cols() == cols || x.cols() == 1);
        if (!fits) {
            throw new ShapeMismatchException(name() + ": a " + x + " node does not broadcast to "
                    + y + ": give a 1x" + cols + " row, an " + rows + "x1 column, a 1x1 scalar or a " + y + " node");
        }
        return y;
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj y) {
        Broadcast.expand(in[0], y);
    }

    /** {@code dY} in the output's shape; the engine sums it back to the input's. */
    @Override
    public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj gradient) {
        Rearrange.copyElements(dy, gradient);
    }

    @Override
    public boolean broadcastsInputs() {
        return true;
    }

    @Override
    public String localDerivative(int input) {
        return "Delta({out}) summed over the repeated rows or columns";
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /** {@code G} (in the output's shape; the engine sums it back over the repeats). */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        return g;
    }
}
