package org.chainrule.core;

import org.ejml.data.DMatrixRMaj;

/**
 * Numerically stable softmax along an axis and its vector-Jacobian product.
 *
 * <p>Forward, per slice: {@code s_i = e^(a_i - max a) / sum_j e^(a_j - max a)}. Subtracting
 * the maximum changes nothing mathematically and keeps every exponential in {@code (0, 1]},
 * so scores of +-1000 give finite results.
 *
 * <p>Backward, per slice: the Jacobian is {@code ds_i/da_j = s_i (delta_ij - s_j)}, so the
 * vector-Jacobian product is {@code dA = s * (dS - sum_j dS_j s_j)}, with no Jacobian built.
 */
public final class SoftmaxKernels {
    private SoftmaxKernels() {
    }

    /**
     * Softmax of every row ({@link Axis#EACH_ROW}) or every column ({@link Axis#EACH_COLUMN}).
     *
     * @param a scores. Not modified.
     * @param axis which slices to normalise.
     * @param out result, or null; may alias {@code a}. Modified.
     * @return {@code out}.
     */
    public static DMatrixRMaj forward(DMatrixRMaj a, Axis axis, DMatrixRMaj out) {
        out = Products.reshape(out, a.numRows, a.numCols);
        boolean rows = axis == Axis.EACH_ROW;
        int slices = rows ? a.numRows : a.numCols;
        int length = rows ? a.numCols : a.numRows;
        int step = rows ? 1 : a.numCols;
        for (int s = 0; s < slices; s++) {
            int start = rows ? s * a.numCols : s;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0, k = start; i < length; i++, k += step) {
                max = Math.max(max, a.data[k]);
            }
            double sum = 0;
            for (int i = 0, k = start; i < length; i++, k += step) {
                double e = Math.exp(a.data[k] - max);
                out.data[k] = e;
                sum += e;
            }
            for (int i = 0, k = start; i < length; i++, k += step) {
                out.data[k] /= sum;
            }
        }
        return out;
    }

    /**
     * The vector-Jacobian product {@code dA = s * (dS - sum(dS * s))} along the same axis.
     *
     * @param s the softmax output. Not modified.
     * @param g the gradient arriving at the output, {@code dS}. Not modified.
     * @param axis the axis the softmax normalised.
     * @param out result, or null; must not alias {@code s} or {@code g}. Modified.
     * @return {@code out}.
     */
    public static DMatrixRMaj backward(DMatrixRMaj s, DMatrixRMaj g, Axis axis, DMatrixRMaj out) {
        Elementwise.requireSame("softmax backward", s, g);
        out = Products.reshape(out, s.numRows, s.numCols);
        boolean rows = axis == Axis.EACH_ROW;
        int slices = rows ? s.numRows : s.numCols;
        int length = rows ? s.numCols : s.numRows;
        int step = rows ? 1 : s.numCols;
        for (int sl = 0; sl < slices; sl++) {
            int start = rows ? sl * s.numCols : sl;
            double dot = 0;
            for (int i = 0, k = start; i < length; i++, k += step) {
                dot += g.data[k] * s.data[k];
            }
            for (int i = 0, k = start; i < length; i++, k += step) {
                out.data[k] = s.data[k] * (g.data[k] - dot);
            }
        }
        return out;
    }
}
