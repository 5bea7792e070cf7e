package org.chainrule.nn.ops;

import java.util.List;
import org.chainrule.core.Axis;
import org.chainrule.core.Broadcast;
import org.chainrule.core.Products;
import org.chainrule.core.Reductions;
import org.chainrule.core.Shape;
import org.chainrule.core.ShapeMismatchException;
import org.chainrule.graph.NamedOperation;
import org.chainrule.graph.Node;
import org.chainrule.graph.ops.MatMul;
import org.ejml.data.DMatrixRMaj;

/**
 * A dense layer's affine map as one node, {@code Y = X W + b}, for {@code X} ({@code m x n},
 * examples as rows), {@code W} ({@code n x p}) and a bias row {@code b} ({@code 1 x p}) added
 * to every row: the same value as {@code x.matmul(w).add(b)}, with one node and one buffer
 * instead of two (PyTorch's {@code addmm}). {@link org.chainrule.nn.Linear} records it.
 *
 * <p>VJP, for {@code G = dL/dY}: {@code dX = G W^T}, {@code dW = X^T G}, and
 * {@code db = the column sums of G} (b reaches every row, so its gradient sums over them).
 * The first two are written with the transposed product kernels, never forming a transpose,
 * and added in the product itself into a parameter's gradient (as {@link MatMul} does).
 */
public final class Affine extends NamedOperation {
    /** The one instance; the operation has no state. */
    public static final Affine INSTANCE = new Affine();

    private Affine() {
        super("affine", 3);
    }

    /** {@code m x p}, from {@code X: m x n}, {@code W: n x p}, {@code b: 1 x p}. */
    @Override
    public Shape outputShape(List<Shape> in) {
        Shape x = in.get(0);
        Shape w = in.get(1);
        Shape b = in.get(2);
        if (x.cols() != w.rows()) {
            throw ShapeMismatchException.product(name(), x, w);
        }
        if (b.rows() != 1 || b.cols() != w.cols()) {
            throw new ShapeMismatchException(name() + ": the bias is " + b + " but X W is " + x.rows() + "x" + w.cols()
                    + ": the bias must be a 1x" + w.cols() + " row, added to every row");
        }
        return new Shape(x.rows(), w.cols());
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj y) {
        Products.mult(in[0], in[1], y);
        Broadcast.addRowInPlace(y, in[2]);
    }

    /** {@code dX = G W^T} and {@code dW = X^T G} as for {@link MatMul}; {@code db = column sums of G}. */
    @Override
    public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj y, DMatrixRMaj g, DMatrixRMaj gradient) {
        if (input < 2) {
            MatMul.INSTANCE.vjp(input, in, y, g, gradient);
        } else {
            Reductions.sum(g, Axis.EACH_COLUMN, gradient);
        }
    }

    @Override
    public boolean addsVjpInPlace(int input) {
        return input < 2;
    }

    @Override
    public void addVjpInPlace(int input, DMatrixRMaj[] in, DMatrixRMaj y, DMatrixRMaj g, DMatrixRMaj gradient) {
        MatMul.INSTANCE.addVjpInPlace(input, in, y, g, gradient);
    }

    @Override
    public String localDerivative(int input) {
        switch (input) {
            case 0:
                return "Delta({out}) {in1}^T";
            case 1:
                return "{in0}^T Delta({out})";
            default:
                return "column sums of Delta({out})";
        }
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /** {@code dX = G W^T}, {@code dW = X^T G}, {@code db = } the column sums of {@code G}. */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        return switch (input) {
            case 0 -> g.matmulTransposed(inputs[1]);
            case 1 -> inputs[0].transposedMatmul(g);
            default -> g.sum(Axis.EACH_COLUMN);
        };
    }
}
