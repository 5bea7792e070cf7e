package org.chainrule.graph.ops;

import java.util.List;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Rearrange;
import org.chainrule.core.Shape;
import org.chainrule.core.ShapeMismatchException;
import org.chainrule.graph.NamedOperation;
import org.chainrule.graph.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * Reshape, {@code Y = X} read in row-major order (as EJML stores it) into {@code rows x cols}:
 * element {@code k} of {@code Y} is element {@code k} of {@code X}, so both hold as many
 * elements. A {@code 2x3} input reshaped to {@code 3x2} keeps {@code 1 2 3 4 5 6} in order.
 *
 * <p>VJP: {@code dX = dY} read back into {@code X}'s shape.
 */
public final class Reshape extends NamedOperation {
    private final Shape shape;

    /**
     * A reshape into {@code rows x cols}.
     *
     * @param rows the output's rows, at least 1.
     * @param cols the output's columns, at least 1.
     * @throws ChainruleException if {@code rows} or {@code cols} is less than 1, or the shape
     *     is too large for one tensor.
     */
    public Reshape(int rows, int cols) {
        super(nameFor(rows, cols), 1);
        this.shape = new Shape(rows, cols);
    }

    private static String nameFor(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new ChainruleException("reshape: cannot reshape into " + rows + "x" + cols
                    + ": rows and columns must be at least 1");
        }
        return "reshape(" + rows + "x" + cols + ")";
    }

    /**
     * The shape this operation reshapes into.
     *
     * @return {@code rows x cols}.
     */
    public Shape shape() {
        return shape;
    }

    @Override
    public Shape outputShape(List<Shape> in) {
        Shape x = in.get(0);
        if (x.size() != shape.size()) {
            throw new ShapeMismatchException("reshape: cannot reshape " + x + " into " + shape + ": " + x.size()
                    + " elements, not " + shape.size());
        }
        return shape;
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj y) {
        Rearrange.copyElements(in[0], y);
    }

    @Override
    public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj gradient) {
        Rearrange.copyElements(dy, gradient);
    }

    @Override
    public String localDerivative(int input) {
        return "Delta({out}) reshaped like {in0}";
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /** {@code G} reshaped back to the input's shape. */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        return g.reshape(inputs[0].shape().rows(), inputs[0].shape().cols());
    }
}
