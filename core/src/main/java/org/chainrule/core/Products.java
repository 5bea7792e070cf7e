package org.chainrule.core;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The one place in Chainrule where matrix products are computed. Every product the graph,
 * the layers and the optimizers need goes through here, so that a faster implementation can
 * be swapped in without touching them.
 *
 * <p>Procedural, EJML style: {@code out} is reshaped and overwritten (or, for the
 * {@code multAdd} forms, added to) and returned; {@code null} allocates a new matrix.
 * {@code out} must not alias an input.
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
        check("matmul", a.numCols, b.numRows, a, b, false, false);
        out = reshape(out, a.numRows, b.numCols);
        CommonOps_DDRM.mult(a, b, out);
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
        check("matmul (A^T B)", a.numRows, b.numRows, a, b, true, false);
        out = reshape(out, a.numCols, b.numCols);
        CommonOps_DDRM.multTransA(a, b, out);
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
        check("matmul (A B^T)", a.numCols, b.numCols, a, b, false, true);
        out = reshape(out, a.numRows, b.numRows);
        CommonOps_DDRM.multTransB(a, b, out);
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
        check("matmul", a.numCols, b.numRows, a, b, false, false);
        requireShape(out, a.numRows, b.numCols);
        CommonOps_DDRM.multAdd(a, b, out);
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
        check("matmul (A^T B)", a.numRows, b.numRows, a, b, true, false);
        requireShape(out, a.numCols, b.numCols);
        CommonOps_DDRM.multAddTransA(a, b, out);
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
        check("matmul (A B^T)", a.numCols, b.numCols, a, b, false, true);
        requireShape(out, a.numRows, b.numRows);
        CommonOps_DDRM.multAddTransB(a, b, out);
        return out;
    }

    private static void check(String op, int innerA, int innerB, DMatrixRMaj a, DMatrixRMaj b,
                              boolean transA, boolean transB) {
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
