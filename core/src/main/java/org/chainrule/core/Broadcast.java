package org.chainrule.core;

import org.ejml.data.DMatrixRMaj;

/**
 * Broadcasting for binary element-wise operations, and its inverse for backward passes.
 *
 * <p>Two shapes broadcast when they are equal; when one is a {@code 1x1} scalar; when one is
 * a {@code 1xn} row and the other {@code mxn} (the row is repeated down the rows, the
 * examples-as-rows bias); or when one is an {@code mx1} column and the other {@code mxn}
 * (the column is repeated across the columns, the examples-as-columns bias). Either operand
 * may be the smaller one. The result has the larger shape. A row with a column (an outer
 * sum) is refused, because in a network it is almost always a layout mistake.
 *
 * <p>Un-broadcasting ({@link #reduceTo}) is the backward rule: a gradient of the result's
 * shape is summed over the repeated axis back to the operand's shape.
 */
public final class Broadcast {
    private Broadcast() {
    }

    /**
     * The shape of {@code a op b} under broadcasting.
     *
     * @param operation the operation's name, for the error message.
     * @param a left shape.
     * @param b right shape.
     * @return the result shape.
     * @throws ShapeMismatchException if the shapes do not broadcast.
     */
    public static Shape resultShape(String operation, Shape a, Shape b) {
        if (fits(b.rows(), b.cols(), a.rows(), a.cols())) {
            return a;
        }
        if (fits(a.rows(), a.cols(), b.rows(), b.cols())) {
            return b;
        }
        throw incompatible(operation, a, b);
    }

    private static ShapeMismatchException incompatible(String operation, Shape a, Shape b) {
        return new ShapeMismatchException(operation + ": cannot broadcast " + a + " with " + b
                + ": shapes must be equal, or one must be 1x1, a 1xn row matching the other's columns,"
                + " or an mx1 column matching the other's rows");
    }

    /**
     * The broadcasting rule: whether a {@code smallRows x smallCols} operand repeats to fill a
     * {@code bigRows x bigCols} one — the same shape, a {@code 1x1} scalar, a {@code 1xn} row
     * with the other's columns, or an {@code mx1} column with the other's rows.
     */
    private static boolean fits(int smallRows, int smallCols, int bigRows, int bigCols) {
        return (smallRows == bigRows && smallCols == bigCols)
                || (smallRows == 1 && (smallCols == 1 || smallCols == bigCols))
                || (smallCols == 1 && smallRows == bigRows);
    }

    /**
     * {@code out = a + b} with broadcasting.
     *
     * @param a left. Not modified.
     * @param b right. Not modified.
     * @param out result, or null; must not alias a broadcast operand. Modified.
     * @return {@code out}.
     */
    public static DMatrixRMaj add(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
        return combine("add", a, b, out, false, false);
    }

    /**
     * Adds a row to every row of a matrix, in place: {@code target[i,j] += row[j]} (a layer's
     * bias, examples as rows).
     *
     * @param target the {@code m x n} matrix. Modified.
     * @param row a {@code 1 x n} row. Not modified.
     * @return {@code target}.
     * @throws ShapeMismatchException if {@code row} is not {@code 1 x n}.
     */
    public static DMatrixRMaj addRowInPlace(DMatrixRMaj target, DMatrixRMaj row) {
        int cols = target.numCols;
        if (row.numRows != 1 || row.numCols != cols) {
            throw incompatible("add a row", shapeOf(target), shapeOf(row));
        }
        for (int r = 0; r < target.numRows; r++) {
            int o = r * cols;
            for (int c = 0; c < cols; c++) {
                target.data[o + c] += row.data[c];
            }
        }
        return target;
    }

    /**
     * {@code out = a * b} (element-wise) with broadcasting.
     *
     * @param a left. Not modified.
     * @param b right. Not modified.
     * @param out result, or null; must not alias a broadcast operand. Modified.
     * @return {@code out}.
     */
    public static DMatrixRMaj multiply(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
        return combine("multiply", a, b, out, true, false);
    }

    /**
     * {@code out += a * b} (element-wise) with broadcasting.
     *
     * @param a left. Not modified.
     * @param b right. Not modified.
     * @param out the accumulator, already in the broadcast result's shape; must not alias a
     *     broadcast operand. Modified.
     * @return {@code out}.
     */
    public static DMatrixRMaj multiplyAdd(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
        return combine("multiply", a, b, out, true, true);
    }

    private static DMatrixRMaj combine(String op, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out, boolean multiply,
                                       boolean add) {
        DMatrixRMaj big = fits(b.numRows, b.numCols, a.numRows, a.numCols) ? a
                : fits(a.numRows, a.numCols, b.numRows, b.numCols) ? b : null;
        if (big == null) {
            throw incompatible(op, shapeOf(a), shapeOf(b));
        }
        int rows = big.numRows;
        int cols = big.numCols;
        out = Elementwise.target(out, big, add);
        if (a.numRows == b.numRows && a.numCols == b.numCols) {
            int n = rows * cols;
            for (int i = 0; i < n; i++) {
                Elementwise.put(out.data, i, multiply ? a.data[i] * b.data[i] : a.data[i] + b.data[i], add);
            }
            return out;
        }
        DMatrixRMaj small = big == a ? b : a;
        if (small.numRows == 1 && small.numCols == cols && cols > 1) {
            // A row repeated down the rows, like a bias: both operations commute, so the order is free.
            for (int r = 0; r < rows; r++) {
                int o = r * cols;
                for (int c = 0; c < cols; c++) {
                    Elementwise.put(out.data, o + c, multiply ? big.data[o + c] * small.data[c] : big.data[o + c] + small.data[c], add);
                }
            }
            return out;
        }
        // Index strides: 0 along an axis where the operand is repeated.
        int aRowStride = a.numRows == 1 ? 0 : a.numCols;
        int aColStride = a.numCols == 1 ? 0 : 1;
        int bRowStride = b.numRows == 1 ? 0 : b.numCols;
        int bColStride = b.numCols == 1 ? 0 : 1;
        int k = 0;
        for (int r = 0; r < rows; r++) {
            int ia = r * aRowStride;
            int ib = r * bRowStride;
            for (int c = 0; c < cols; c++, k++) {
                double x = a.data[ia + c * aColStride];
                double y = b.data[ib + c * bColStride];
                Elementwise.put(out.data, k, multiply ? x * y : x + y, add);
            }
        }
        return out;
    }


    /**
     * Sums a gradient of a broadcast result back to an operand's shape: the identity when the
     * shapes match, column sums for a {@code 1xn} row, row sums for an {@code mx1} column, the
     * total for a {@code 1x1} scalar.
     *
     * @param g the gradient, in the broadcast result's shape. Not modified.
     * @param target the operand's shape.
     * @param out result, or null; must not alias {@code g}. Modified.
     * @return {@code out}, shaped as {@code target}.
     */
    public static DMatrixRMaj reduceTo(DMatrixRMaj g, Shape target, DMatrixRMaj out) {
        Shape from = shapeOf(g);
        if (from.equals(target)) {
            out = Products.reshape(out, target.rows(), target.cols());
            System.arraycopy(g.data, 0, out.data, 0, target.size());
            return out;
        }
        if (target.isScalar()) {
            out = Products.reshape(out, 1, 1);
            out.data[0] = Reductions.sumAll(g);
            return out;
        }
        if (target.rows() == 1 && target.cols() == from.cols()) {
            return Reductions.sum(g, Axis.EACH_COLUMN, out);
        }
        if (target.cols() == 1 && target.rows() == from.rows()) {
            return Reductions.sum(g, Axis.EACH_ROW, out);
        }
        throw new ShapeMismatchException("unbroadcast: a " + from + " gradient cannot be summed back to "
                + target + ": " + target + " does not broadcast to " + from);
    }

    /**
     * The shape of an EJML matrix.
     *
     * @param m the matrix. Not modified.
     * @return its shape.
     */
    public static Shape shapeOf(DMatrixRMaj m) {
        return new Shape(m.numRows, m.numCols);
    }
}
