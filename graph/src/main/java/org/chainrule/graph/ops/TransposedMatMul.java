package org.chainrule.graph.ops;

import java.util.List;
import org.chainrule.core.Products;
import org.chainrule.core.Shape;
import org.chainrule.core.ShapeMismatchException;
import org.chainrule.graph.NamedOperation;
import org.chainrule.graph.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * A matrix product with one operand transposed, computed without forming the transpose:
 * {@link #TRANS_A}, {@code C = A^T B} ({@code A} is {@code k x m}, {@code B} is {@code k x n}),
 * and {@link #TRANS_B}, {@code C = A B^T} ({@code A} is {@code m x k}, {@code B} is
 * {@code n x k}). They are what the graph rules of {@code matmul} and {@code affine} record, so
 * that a gradient recorded as a graph multiplies as the buffer rules do instead of copying
 * {@code W^T} and {@code X^T}, and they are closed under their own rules.
 *
 * <p>VJP of {@code A^T B}: {@code dA = B G^T}, {@code dB = A G}. Of {@code A B^T}:
 * {@code dA = G B}, {@code dB = G^T A}.
 */
public final class TransposedMatMul extends NamedOperation {
    /** {@code A^T B}. */
    public static final TransposedMatMul TRANS_A = new TransposedMatMul(true);
    /** {@code A B^T}. */
    public static final TransposedMatMul TRANS_B = new TransposedMatMul(false);

    private final boolean transA;

    private TransposedMatMul(boolean transA) {
        super(transA ? "matmulTransA" : "matmulTransB", 2);
        this.transA = transA;
    }

    @Override
    public Shape outputShape(List<Shape> in) {
        Shape a = in.get(0);
        Shape b = in.get(1);
        if (transA ? a.rows() != b.rows() : a.cols() != b.cols()) {
            throw new ShapeMismatchException(name() + ": " + (transA ? "A^T B" : "A B^T") + " of " + a + " and " + b
                    + ": the " + (transA ? "rows" : "columns") + " of A and B must agree");
        }
        return transA ? new Shape(a.cols(), b.cols()) : new Shape(a.rows(), b.rows());
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj c) {
        if (transA) {
            Products.multTransA(in[0], in[1], c);
        } else {
            Products.multTransB(in[0], in[1], c);
        }
    }

    @Override
    public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj c, DMatrixRMaj g, DMatrixRMaj gradient) {
        if (transA) {
            if (input == 0) {
                Products.multTransB(in[1], g, gradient);
            } else {
                Products.mult(in[0], g, gradient);
            }
        } else if (input == 0) {
            Products.mult(g, in[1], gradient);
        } else {
            Products.multTransA(g, in[0], gradient);
        }
    }

    @Override
    public String localDerivative(int input) {
        if (transA) {
            return input == 0 ? "{in1} Delta({out})^T" : "{in0} Delta({out})";
        }
        return input == 0 ? "Delta({out}) {in1}" : "Delta({out})^T {in0}";
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /** {@code A^T B}: {@code dA = B G^T}, {@code dB = A G}; {@code A B^T}: {@code dA = G B}, {@code dB = G^T A}. */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        if (transA) {
            return input == 0 ? inputs[1].matmulTransposed(g) : inputs[0].matmul(g);
        }
        return input == 0 ? g.matmul(inputs[1]) : g.transposedMatmul(inputs[0]);
    }
}
