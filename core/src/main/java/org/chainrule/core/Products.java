package org.chainrule.core;

import org.ejml.data.DMatrixRMaj;

/**
 * The one place in Chainrule where matrix products are computed. Every product the graph,
 * the layers and the optimizers need goes through here, so that a faster implementation can
 * be swapped in without touching them.
 *
 * <p>Procedural, EJML style: {@code out} is reshaped and overwritten (or, for the
 * {@code multAdd} forms, added to) and returned; {@code null} allocates a new matrix.
 * {@code out} must not alias an input (the products refuse it).
 *
 * <p>Which implementation runs is chosen once per JVM and reported by {@link #backend()}.
 * Small products (about 16x16x16 and below) always run on plain Java loops tuned for them,
 * faster than EJML's kernels at those sizes. Larger ones run on a native BLAS (OpenBLAS
 * through JNI) if the system has one that measures at least 3x faster than EJML; otherwise on
 * netlib's Java BLAS when the JVM has the Vector API ({@code --add-modules
 * jdk.incubator.vector}); otherwise on EJML. The system property {@code chainrule.products}
 * ({@code auto}, {@code ejml}, {@code native}, {@code java}) overrides the choice for large
 * products. All backends agree with EJML to about 1e-12 relative. Small products always run
 * on the same loops, so they give the same bits everywhere; bit-identical large products
 * across machines need the same backend, for example {@code -Dchainrule.products=ejml}.
 */
public final class Products {
    private Products() {
    }

    /**
     * {@code out = a b}.
     *
     * @param a left operand, {@code m x k}. Not modified.
     * @param b right operand, {@code k x n}. Not modified.
     * @param out the result, {@code m x n}, or null. Modified.
     * @return {@code out}.
     */
    public static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
        check("matmul", a.numCols, b.numRows, a, b, false, false, out);
        out = reshape(out, a.numRows, b.numCols);
        gemm(false, false, a, b, 0, out);
        return out;
    }

    /**
     * {@code out = a^T b}.
     *
     * @param a left operand, {@code k x m}. Not modified.
     * @param b right operand, {@code k x n}. Not modified.
     * @param out the result, {@code m x n}, or null. Modified.
     * @return {@code out}.
     */
    public static DMatrixRMaj multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
        check("matmul (A^T B)", a.numRows, b.numRows, a, b, true, false, out);
        out = reshape(out, a.numCols, b.numCols);
        gemm(true, false, a, b, 0, out);
        return out;
    }

    /**
     * {@code out = a b^T}.
     *
     * @param a left operand, {@code m x k}. Not modified.
     * @param b right operand, {@code n x k}. Not modified.
     * @param out the result, {@code m x n}, or null. Modified.
     * @return {@code out}.
     */
    public static DMatrixRMaj multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
        check("matmul (A B^T)", a.numCols, b.numCols, a, b, false, true, out);
        out = reshape(out, a.numRows, b.numRows);
        gemm(false, true, a, b, 0, out);
        return out;
    }

    /**
     * {@code out = out + a b}.
     *
     * @param a left operand, {@code m x k}. Not modified.
     * @param b right operand, {@code k x n}. Not modified.
     * @param out the accumulator, {@code m x n}. Modified.
     * @return {@code out}.
     */
    public static DMatrixRMaj multAdd(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
        check("matmul", a.numCols, b.numRows, a, b, false, false, out);
        requireShape(out, a.numRows, b.numCols);
        gemm(false, false, a, b, 1, out);
        return out;
    }

    /**
     * {@code out = out + a^T b}: accumulates a weight gradient with no temporary.
     *
     * @param a left operand, {@code k x m}. Not modified.
     * @param b right operand, {@code k x n}. Not modified.
     * @param out the accumulator, {@code m x n}. Modified.
     * @return {@code out}.
     */
    public static DMatrixRMaj multAddTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
        check("matmul (A^T B)", a.numRows, b.numRows, a, b, true, false, out);
        requireShape(out, a.numCols, b.numCols);
        gemm(true, false, a, b, 1, out);
        return out;
    }

    /**
     * {@code out = out + a b^T}: accumulates an input gradient with no temporary.
     *
     * @param a left operand, {@code m x k}. Not modified.
     * @param b right operand, {@code n x k}. Not modified.
     * @param out the accumulator, {@code m x n}. Modified.
     * @return {@code out}.
     */
    public static DMatrixRMaj multAddTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
        check("matmul (A B^T)", a.numCols, b.numCols, a, b, false, true, out);
        requireShape(out, a.numRows, b.numRows);
        gemm(false, true, a, b, 1, out);
        return out;
    }

    /**
     * What computes large products in this JVM, e.g. {@code "native BLAS (libblas.so.3 via JNI)"}
     * or {@code "EJML"}; small products always use plain Java loops. Choosing may take a few
     * milliseconds the first time (it measures).
     *
     * @return a one-line description.
     */
    public static String backend() {
        return ProductDispatch.largeProductBackend().description();
    }

    private static void gemm(boolean transA, boolean transB, DMatrixRMaj a, DMatrixRMaj b, double beta, DMatrixRMaj out) {
        long k = transA ? a.numRows : a.numCols;
        ProductDispatch.forSize((long) out.numRows * out.numCols * k).gemm(transA, transB, a, b, beta, out);
    }

    /** Checks the inner dimensions and that the result is not an operand, before anything is written. */
    private static void check(String op, int innerA, int innerB, DMatrixRMaj a, DMatrixRMaj b,
                              boolean transA, boolean transB, DMatrixRMaj out) {
        if (out != null && (out == a || out == b || out.data == a.data || out.data == b.data)) {
            throw new ChainruleException(op + ": the result matrix must not be one of the operands");
        }
        if (innerA != innerB) {
            Shape sa = transA ? new Shape(a.numCols, a.numRows) : new Shape(a.numRows, a.numCols);
            Shape sb = transB ? new Shape(b.numCols, b.numRows) : new Shape(b.numRows, b.numCols);
            throw ShapeMismatchException.product(op, sa, sb);
        }
    }

    private static void requireShape(DMatrixRMaj out, int rows, int cols) {
        if (out.numRows != rows || out.numCols != cols) {
            throw new ShapeMismatchException("multAdd: accumulator is " + out.numRows + "x" + out.numCols
                    + " but the product is " + rows + "x" + cols + ": they must match");
        }
    }

    static DMatrixRMaj reshape(DMatrixRMaj out, int rows, int cols) {
        if (out == null) {
            return new DMatrixRMaj(rows, cols);
        }
        out.reshape(rows, cols);
        return out;
    }
}
