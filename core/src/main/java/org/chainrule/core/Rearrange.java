package org.chainrule.core;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * Kernels that move elements without changing them: transposing, copying between shapes of
 * the same size (a reshape, in row-major order as EJML stores), reading and writing a block
 * (slicing and concatenating), and gathering rows by index (an embedding lookup) with its
 * inverse, scatter-adding rows back. Each one's backward rule is another of them: the
 * transpose of a transpose, a block read back into its place, a gather's rows added back.
 *
 * <p>Procedural, EJML style: results go into {@code out}, which must already have the shape
 * stated (these kernels serve the graph engine's preshaped buffers and never reshape), and
 * must not alias an input. Every kernel writes {@code out} and never reads it (a block writer
 * writes its block only); adding a result into another is the caller's business.
 */
public final class Rearrange {
    private Rearrange() {
    }

    /**
     * Transpose, {@code out = a^T}.
     *
     * @param a input, {@code m x n}. Not modified.
     * @param out result, {@code n x m}. Modified.
     * @throws ShapeMismatchException if {@code out} is not {@code n x m}.
     */
    public static void transpose(DMatrixRMaj a, DMatrixRMaj out) {
        int rows = a.numRows;
        int cols = a.numCols;
        requireShape("transpose", "the output", out, cols, rows);
        for (int r = 0, k = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++, k++) {
                out.data[c * rows + r] = a.data[k];
            }
        }
    }

    /**
     * Copies the elements in row-major order into a matrix of another shape with as many
     * elements: {@code out = a} element by element (a reshape, and its backward rule).
     *
     * @param a input. Not modified.
     * @param out result, of any shape with {@code a}'s number of elements. Modified.
     * @throws ShapeMismatchException if the numbers of elements differ.
     */
    public static void copyElements(DMatrixRMaj a, DMatrixRMaj out) {
        int n = a.getNumElements();
        if (out.getNumElements() != n) {
            throw new ShapeMismatchException("reshape: cannot copy the " + n + " elements of " + shapeOf(a)
                    + " into " + shapeOf(out) + ": it holds " + out.getNumElements());
        }
        System.arraycopy(a.data, 0, out.data, 0, n);
    }

    /**
     * Reads a block: {@code out = a[row0 : row0 + out.rows, col0 : col0 + out.cols]} (a slice,
     * and the backward rule of a concatenation for one of its inputs).
     *
     * @param a input. Not modified.
     * @param row0 the block's first row in {@code a}.
     * @param col0 the block's first column in {@code a}.
     * @param out result, shaped as the block. Modified.
     * @throws ShapeMismatchException if the block does not lie inside {@code a}.
     */
    public static void readBlock(DMatrixRMaj a, int row0, int col0, DMatrixRMaj out) {
        requireInside("read block", out, a, row0, col0);
        int rows = out.numRows;
        int cols = out.numCols;
        for (int r = 0; r < rows; r++) {
            int from = (row0 + r) * a.numCols + col0;
            int to = r * cols;
            System.arraycopy(a.data, from, out.data, to, cols);
        }
    }

    /**
     * Writes a block into its place:
     * {@code out[row0 : row0 + a.rows, col0 : col0 + a.cols] = a}, leaving every other element of
     * {@code out} as it is (a concatenation writes its inputs' blocks one after the other).
     *
     * @param a the block. Not modified.
     * @param row0 where its first row goes in {@code out}.
     * @param col0 where its first column goes in {@code out}.
     * @param out the matrix that holds the block. Modified (the block only).
     * @throws ShapeMismatchException if the block does not lie inside {@code out}.
     */
    public static void writeBlock(DMatrixRMaj a, int row0, int col0, DMatrixRMaj out) {
        requireInside("write block", a, out, row0, col0);
        int rows = a.numRows;
        int cols = a.numCols;
        for (int r = 0; r < rows; r++) {
            int from = r * cols;
            int to = (row0 + r) * out.numCols + col0;
            System.arraycopy(a.data, from, out.data, to, cols);
        }
    }

    /**
     * A block padded with zeros (the backward rule of a slice): {@code out} is zero except
     * {@code a} in its place.
     *
     * @param a the block. Not modified.
     * @param row0 where its first row goes in {@code out}.
     * @param col0 where its first column goes in {@code out}.
     * @param out result. Modified.
     * @throws ShapeMismatchException if the block does not lie inside {@code out}.
     */
    public static void padBlock(DMatrixRMaj a, int row0, int col0, DMatrixRMaj out) {
        requireInside("pad block", a, out, row0, col0);
        Arrays.fill(out.data, 0, out.getNumElements(), 0.0);
        writeBlock(a, row0, col0, out);
    }

    /**
     * Gathers rows by index (an embedding lookup): {@code out[i, :] = table[indices[i], :]}.
     *
     * @param table the rows to pick from, {@code r x n}. Not modified.
     * @param indices an {@code m x 1} column of whole numbers in {@code [0, r)}. Not modified.
     * @param out result, {@code m x n}. Modified.
     * @throws ChainruleException naming the row of {@code indices}, its value and the table's
     *     shape, if an index is not a whole number in {@code [0, r)}.
     * @throws ShapeMismatchException if {@code out} is not {@code m x n}.
     */
    public static void gatherRows(DMatrixRMaj table, DMatrixRMaj indices, DMatrixRMaj out) {
        int m = indices.getNumElements();
        int cols = table.numCols;
        requireShape("gatherRows", "the output", out, m, cols);
        for (int i = 0; i < m; i++) {
            System.arraycopy(table.data, rowIndex("gatherRows", table, indices, i) * cols, out.data, i * cols, cols);
        }
    }

    /**
     * Adds rows back where {@link #gatherRows} took them from (its backward rule for the
     * table): {@code out[indices[i], :] += g[i, :]} for every {@code i}, so a row picked twice
     * receives both gradients; {@code out} is zeroed first, so rows never picked are zero.
     *
     * @param g the rows to add, {@code m x n}. Not modified.
     * @param indices an {@code m x 1} column of whole numbers in {@code [0, r)}. Not modified.
     * @param out result, the table's shape {@code r x n}. Modified.
     * @throws ChainruleException if an index is not a whole number in {@code [0, r)}.
     * @throws ShapeMismatchException if {@code g} is not {@code m x n}.
     */
    public static void scatterAddRows(DMatrixRMaj g, DMatrixRMaj indices, DMatrixRMaj out) {
        int m = indices.getNumElements();
        int cols = out.numCols;
        requireShape("scatterAddRows", "the gradient", g, m, cols);
        Arrays.fill(out.data, 0, out.getNumElements(), 0.0);
        for (int i = 0; i < m; i++) {
            int to = rowIndex("scatterAddRows", out, indices, i) * cols;
            int from = i * cols;
            for (int c = 0; c < cols; c++) {
                out.data[to + c] += g.data[from + c];
            }
        }
    }

    /** The table row that {@code indices[i]} names, checked. */
    private static int rowIndex(String operation, DMatrixRMaj table, DMatrixRMaj indices, int i) {
        double v = indices.data[i];
        if (!(v >= 0 && v < table.numRows && v == Math.rint(v))) {
            throw new ChainruleException(operation + ": row " + i + " of the indices holds " + Tensor.format(v)
                    + ", which is not a row of the " + shapeOf(table) + " table: indices must be whole numbers in [0, "
                    + table.numRows + ")");
        }
        return (int) v;
    }

    private static void requireShape(String op, String what, DMatrixRMaj m, int rows, int cols) {
        if (m.numRows != rows || m.numCols != cols) {
            throw new ShapeMismatchException(op + ": " + what + " is " + shapeOf(m) + ", not " + rows + "x" + cols);
        }
    }

    /** Checks that {@code block}, placed at {@code (row0, col0)}, lies inside {@code whole}. */
    private static void requireInside(String op, DMatrixRMaj block, DMatrixRMaj whole, int row0, int col0) {
        if (row0 < 0 || col0 < 0 || row0 + block.numRows > whole.numRows || col0 + block.numCols > whole.numCols) {
            throw new ShapeMismatchException(op + ": a " + shapeOf(block) + " block at row " + row0 + ", column "
                    + col0 + " does not lie inside " + shapeOf(whole));
        }
    }

    private static Shape shapeOf(DMatrixRMaj m) {
        return new Shape(m.numRows, m.numCols);
    }
}
