package org.chainrule.core;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * Maxima of a whole matrix, of each row or of each column, where each maximum sits, and the
 * vector-Jacobian product that routes each maximum's gradient back to it.
 *
 * <p>Slices: {@link Axis#EACH_ROW} takes each row (an {@code mx1} column of maxima),
 * {@link Axis#EACH_COLUMN} each column (a {@code 1xn} row), and a null axis the whole matrix
 * as one slice (a {@code 1x1} result).
 *
 * <p><b>Ties</b>: a slice's maximum sits at its FIRST maximal element in storage (row-major)
 * order, as NumPy's {@code argmax} has it, so that element alone receives the gradient.
 * <b>NaN</b> propagates: a slice holding NaN has maximum NaN, sitting at its first NaN (as
 * {@code numpy.max} and {@code torch.max}).
 */
public final class Extrema {
    private Extrema() {
    }

    /**
     * The maximum of every slice: {@code out_s = max_(k in s) a_k}.
     *
     * @param a input, {@code mxn}. Not modified.
     * @param axis which slices, or null for the whole matrix.
     * @param out result ({@code mx1}, {@code 1xn} or {@code 1x1}), or null; must not alias
     *     {@code a}. Modified.
     * @return {@code out}.
     */
    public static DMatrixRMaj max(DMatrixRMaj a, Axis axis, DMatrixRMaj out) {
        out = axis == null ? Products.reshape(out, 1, 1)
                : axis == Axis.EACH_ROW ? Products.reshape(out, a.numRows, 1) : Products.reshape(out, 1, a.numCols);
        int slices = slices(a, axis);
        for (int s = 0; s < slices; s++) {
            out.data[s] = a.data[indexOfMax(a, axis, s)];
        }
        return out;
    }

    /**
     * Where a slice's maximum sits: the index, in row-major order over the whole matrix, of its
     * first maximal element (of its first NaN, if it holds one).
     *
     * @param a input, {@code mxn}. Not modified.
     * @param axis which slices, or null for the whole matrix.
     * @param slice which slice: a row, a column, or 0 for the whole matrix.
     * @return the element's index in {@code a.data}.
     */
    public static int indexOfMax(DMatrixRMaj a, Axis axis, int slice) {
        int start = start(a, axis, slice);
        int step = step(a, axis);
        int best = start;
        for (int i = 1, k = start + step, length = length(a, axis); i < length; i++, k += step) {
            double v = a.data[k];
            // Only a strictly larger value, or the first NaN after a number, takes over.
            if (v > a.data[best] || (Double.isNaN(v) && !Double.isNaN(a.data[best]))) {
                best = k;
            }
        }
        return best;
    }

    /**
     * The vector-Jacobian product of {@link #max}: each slice's gradient goes to the element
     * {@link #indexOfMax} names, and every other element gets 0:
     * {@code out_k = g_s} at slice {@code s}'s maximum {@code k}, else 0.
     *
     * @param a the input the maxima were taken of. Not modified.
     * @param axis the slices, or null for the whole matrix.
     * @param g the gradient arriving at the maxima, shaped like {@link #max}'s output. Not modified.
     * @param out result, shaped like {@code a}, or null; must not alias
     *     {@code a} or {@code g}. Modified.
     * @return {@code out}.
     * @throws ShapeMismatchException if {@code g} holds not one value per slice.
     */
    public static DMatrixRMaj maxBackward(DMatrixRMaj a, Axis axis, DMatrixRMaj g, DMatrixRMaj out) {
        int slices = slices(a, axis);
        if (g.getNumElements() != slices) {
            throw new ShapeMismatchException("max backward: a " + g.numRows + "x" + g.numCols + " gradient does not"
                    + " fit the maxima of a " + a.numRows + "x" + a.numCols + " input: it needs one value per slice, "
                    + slices + " in all");
        }
        out = Products.reshape(out, a.numRows, a.numCols);
        Arrays.fill(out.data, 0, a.getNumElements(), 0.0);
        for (int s = 0; s < slices; s++) {
            int k = indexOfMax(a, axis, s);
            out.data[k] += g.data[s];
        }
        return out;
    }

    /**
     * How far one element lies from a tie with its slice's maximum, where the maximum is not
     * differentiable: for the maximum itself, its lead over the slice's second largest value
     * (infinite in a slice of one element); for any other element, how far it lies below the
     * maximum. 0 at a tie, NaN if the slice holds NaN.
     *
     * @param a input, {@code mxn}. Not modified.
     * @param axis the slices, or null for the whole matrix.
     * @param element the element's index in row-major order.
     * @return the distance, {@code >= 0}.
     */
    public static double distanceToTie(DMatrixRMaj a, Axis axis, int element) {
        int slice = axis == null ? 0 : axis == Axis.EACH_ROW ? element / a.numCols : element % a.numCols;
        int best = indexOfMax(a, axis, slice);
        double max = a.data[best];
        if (element != best) {
            double v = a.data[element];
            return v == max ? 0.0 : max - v;
        }
        double second = Double.NEGATIVE_INFINITY;
        int step = step(a, axis);
        for (int i = 0, k = start(a, axis, slice), length = length(a, axis); i < length; i++, k += step) {
            if (k != best) {
                second = Math.max(second, a.data[k]);
            }
        }
        return second == max ? 0.0 : max - second;
    }

    private static int slices(DMatrixRMaj a, Axis axis) {
        return axis == null ? 1 : axis == Axis.EACH_ROW ? a.numRows : a.numCols;
    }

    private static int length(DMatrixRMaj a, Axis axis) {
        return axis == null ? a.getNumElements() : axis == Axis.EACH_ROW ? a.numCols : a.numRows;
    }

    private static int start(DMatrixRMaj a, Axis axis, int slice) {
        return axis == null ? 0 : axis == Axis.EACH_ROW ? slice * a.numCols : slice;
    }

    private static int step(DMatrixRMaj a, Axis axis) {
        return axis == Axis.EACH_COLUMN ? a.numCols : 1;
    }
}
