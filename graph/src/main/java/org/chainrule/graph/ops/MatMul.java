package org.chainrule.graph.ops;

import java.util.List;
import org.chainrule.core.Products;
import org.chainrule.core.Shape;
import org.chainrule.core.ShapeMismatchException;
import org.chainrule.graph.NamedOperation;
import org.chainrule.graph.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * Matrix product {@code C = A B}, {@code A} is {@code m x k}, {@code B} is {@code k x n}.
 *
 * <p>VJP: {@code dA = dC B^T}, {@code dB = A^T dC}, computed with the transposed products
 * directly (never forming a transpose); into a parameter's gradient they are added in the
 * product itself ({@code multAddTransB}, {@code multAddTransA}), see
 * {@link org.chainrule.graph.Operation#addsVjpInPlace}.
 */
public final class MatMul extends NamedOperation {
    /** The one instance; the operation has no state. */
    public static final MatMul INSTANCE = new MatMul();

    private MatMul() {
        super("matmul", 2);
    }

    @Override
    public Shape outputShape(List<Shape> in) {
        Shape a = in.get(0);
        Shape b = in.get(1);
        if (a.cols() != b.rows()) {
            throw ShapeMismatchException.product(name(), a, b);
        }
        return new Shape(a.rows(), b.cols());
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj c) {
        Products.mult(in[0], in[1], c);
    }

    @Override
    public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj c, DMatrixRMaj dc, DMatrixRMaj gradient) {
        if (input == 0) {
            Products.multTransB(dc, in[1], gradient);
        } else {
            Products.multTransA(in[0], dc, gradient);
        }
    }

    @Override
    public boolean addsVjpInPlace(int input) {
        return true;
    }

    @Override
    public void addVjpInPlace(int input, DMatrixRMaj[] in, DMatrixRMaj c, DMatrixRMaj dc, DMatrixRMaj gradient) {
        if (input == 0) {
            Products.multAddTransB(dc, in[1], gradient);
        } else {
            Products.multAddTransA(in[0], dc, gradient);
        }
    }

    @Override
    public String localDerivative(int input) {
        return input == 0 ? "Delta({out}) {in1}^T" : "{in0}^T Delta({out})";
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /** {@code dA = G B^T}, {@code dB = A^T G}, as products with a transposed operand (no transpose formed). */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        return input == 0 ? g.matmulTransposed(inputs[1]) : inputs[0].transposedMatmul(g);
    }
}
