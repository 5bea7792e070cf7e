package org.chainrule.core;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Sums over all elements or along an axis. Summing each column gives the gradient of a
 * {@code 1xn} row bias; summing each row gives the gradient of an {@code mx1} column bias.
 */
public final class Reductions {
    private Reductions() {
    }

    /**
     * The sum of every element.
     *
     * @param a input. Not modified.
     * @return {@code sum_ij a_ij}.
     */
    public static double sumAll(DMatrixRMaj a) {
        return CommonOps_DDRM.elementSum(a);
    }

    /**
     * Sums along an axis: {@link Axis#EACH_ROW} gives an {@code mx1} column of row sums,
     * {@link Axis#EACH_COLUMN} a {@code 1xn} row of column sums.
     *
     * @param a input, {@code mxn}. Not modified.
     * @param axis which slices to sum.
     * @param out result, or null; must not alias {@code a}. Modified.
     * @return {@code out}.
     */
    public static DMatrixRMaj sum(DMatrixRMaj a, Axis axis, DMatrixRMaj out) {
        int rows = a.numRows;
        int cols = a.numCols;
        boolean eachRow = axis == Axis.EACH_ROW;
        Shape shape = eachRow ? new Shape(rows, 1) : new Shape(1, cols);
        out = Products.reshape(out, shape.rows(), shape.cols());
        if (eachRow) {
            for (int r = 0; r < rows; r++) {
                double total = 0;
                for (int c = 0, k = r * cols; c < cols; c++, k++) {
                    total += a.data[k];
                }
                out.data[r] = total;
            }
        } else {
            Arrays.fill(out.data, 0, cols, 0.0);
            // Row by row, so that the matrix is read in storage order.
            for (int r = 0; r < rows; r++) {
                for (int c = 0, k = r * cols; c < cols; c++, k++) {
                    out.data[c] += a.data[k];
                }
            }
        }
        return out;
    }

    /**
     * Repeats a row sum or column sum's gradient back over the slices it summed (the
     * vector-Jacobian product of {@link #sum}): {@code out_ij = g_i} for {@link Axis#EACH_ROW},
     * {@code out_ij = g_j} for {@link Axis#EACH_COLUMN}.
     *
     * @param g the gradient of the sum, {@code mx1} or {@code 1xn}. Not modified.
     * @param shape the shape of the summed input.
     * @param out result, or null; must not alias {@code g}. Modified.
     * @return {@code out}.
     * @throws ShapeMismatchException if {@code g} is neither {@code 1x1}, nor an {@code mx1}
     *     column nor a {@code 1xn} row for an {@code mxn} shape.
     */
    public static DMatrixRMaj expand(DMatrixRMaj g, Shape shape, DMatrixRMaj out) {
        int rows = shape.rows();
        int cols = shape.cols();
        boolean perRow = g.numCols == 1 && g.numRows == rows;
        boolean scalar = g.getNumElements() == 1;
        if (!scalar && !perRow && !(g.numRows == 1 && g.numCols == cols)) {
            throw new ShapeMismatchException("sum backward: a " + g.numRows + "x" + g.numCols + " gradient cannot be"
                    + " repeated over a " + shape + " input: it must be 1x1, " + rows + "x1 or 1x" + cols);
        }
        out = Products.reshape(out, rows, cols);
        for (int r = 0, k = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++, k++) {
                out.data[k] = scalar ? g.data[0] : perRow ? g.data[r] : g.data[c];
            }
        }
        return out;
    }
}
