package org.chainrule.graph.ops;

import java.util.List;
import org.chainrule.core.Products;
import org.chainrule.core.Shape;
import org.chainrule.core.ShapeMismatchException;
import org.chainrule.graph.Operation;
import org.ejml.data.DMatrixRMaj;

/**
 * Matrix product {@code C = A B}, {@code A} is {@code m x k}, {@code B} is {@code k x n}.
 *
 * <p>VJP: {@code dA = dC B^T}, {@code dB = A^T dC} — computed with the transposed products
 * directly, never forming a transpose.
 */
public final class MatMul implements Operation {
    /** The one instance; the operation has no state. */
    public static final MatMul INSTANCE = new MatMul();

    private MatMul() {
    }

    @Override
    public String name() {
        return "matmul";
    }

    /** Takes two inputs. */
    @Override
    public int arity() {
        return 2;
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

    /** {@code C = A B}. */
    @Override
    public DMatrixRMaj forward(DMatrixRMaj[] in) {
        return Products.mult(in[0], in[1], null);
    }

    @Override
    public void forwardInto(DMatrixRMaj[] in, DMatrixRMaj out) {
        Products.mult(in[0], in[1], out);
    }

    /** {@code dA = dC B^T}; {@code dB = A^T dC}. */
    @Override
    public DMatrixRMaj vjp(int input, DMatrixRMaj[] in, DMatrixRMaj out, DMatrixRMaj g, DMatrixRMaj into) {
        return input == 0 ? Products.multTransB(g, in[1], into) : Products.multTransA(in[0], g, into);
    }

    /** The same products fused with the engine's accumulation: {@code multAddTransB} and {@code multAddTransA}. */
    @Override
    public boolean vjpInto(int input, DMatrixRMaj[] in, DMatrixRMaj out, DMatrixRMaj g, DMatrixRMaj target, boolean add) {
        if (input == 0) {
            if (add) {
                Products.multAddTransB(g, in[1], target);
            } else {
                Products.multTransB(g, in[1], target);
            }
        } else if (add) {
            Products.multAddTransA(in[0], g, target);
        } else {
            Products.multTransA(in[0], g, target);
        }
        return true;
    }

    @Override
    public String localDerivative(int input) {
        return input == 0 ? "dC B^T" : "A^T dC";
    }
}
