package org.chainrule.core;

import org.ejml.data.DMatrixRMaj;

/**
 * Log-sum-exp, its two-term special case softplus, and log-softmax (scores minus their
 * log-sum-exp), computed so that large scores never overflow: the kernels behind the stable
 * (fused) cross-entropy losses.
 *
 * <p>{@code log sum_j e^(a_j) = max + log sum_j e^(a_j - max)}: after subtracting the
 * maximum every exponential lies in {@code (0, 1]} and the sum in {@code [1, n]}, so scores
 * of +-1000 give finite, exact results where the naive formula gives infinity or
 * {@code log 0}.
 *
 * <p>Procedural, EJML style: {@code out} is reshaped, overwritten and returned; {@code null}
 * allocates.
 */
public final class LogSumExp {
    private LogSumExp() {
    }

    /**
     * Log-sum-exp of every row ({@link Axis#EACH_ROW}, an {@code mx1} column) or of every
     * column ({@link Axis#EACH_COLUMN}, a {@code 1xn} row):
     * {@code out_s = max_s + log sum_(j in s) e^(a_j - max_s)}. A slice whose maximum is
     * infinite gives that infinity; NaN propagates.
     *
     * @param a scores, {@code mxn}. Not modified.
     * @param axis which slices to reduce.
     * @param out result, or null; must not alias {@code a}. Modified.
     * @return {@code out}.
     */
    public static DMatrixRMaj along(DMatrixRMaj a, Axis axis, DMatrixRMaj out) {
        boolean rows = axis == Axis.EACH_ROW;
        int slices = rows ? a.numRows : a.numCols;
        int length = rows ? a.numCols : a.numRows;
        int step = rows ? 1 : a.numCols;
        out = rows ? Products.reshape(out, a.numRows, 1) : Products.reshape(out, 1, a.numCols);
        for (int s = 0; s < slices; s++) {
            out.data[s] = ofSlice(a, rows ? s * a.numCols : s, length, step);
        }
        return out;
    }

    /**
     * Log-sum-exp of one row, {@code max + log sum_j e^(a_rj - max)}, as {@link #along} computes it.
     *
     * @param a scores, {@code mxn}. Not modified.
     * @param row which row.
     * @return the row's log-sum-exp.
     */
    public static double ofRow(DMatrixRMaj a, int row) {
        return ofSlice(a, row * a.numCols, a.numCols, 1);
    }

    private static double ofSlice(DMatrixRMaj a, int start, int length, int step) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0, k = start; i < length; i++, k += step) {
            max = Math.max(max, a.data[k]);
        }
        if (Double.isInfinite(max)) {
            // All -infinity (log 0) or some +infinity: shifting by the max would give NaN.
            return max;
        }
        double sum = 0;
        for (int i = 0, k = start; i < length; i++, k += step) {
            sum += Math.exp(a.data[k] - max);
        }
        return max + Math.log(sum);
    }

    /**
     * Softplus, element-wise: {@code out = log(1 + e^a)}, the log-sum-exp of {@code 0} and
     * {@code a}, computed as {@code max(a, 0) + log1p(e^-|a|)} so that it is finite and
     * accurate for every finite {@code a} (it is {@code a} for large {@code a}, {@code e^a}
     * for very negative {@code a}).
     *
     * @param a input. Not modified.
     * @param out result, or null; may be {@code a}. Modified.
     * @return {@code out}.
     */
    public static DMatrixRMaj softplus(DMatrixRMaj a, DMatrixRMaj out) {
        out = Products.reshape(out, a.numRows, a.numCols);
        int n = a.getNumElements();
        for (int i = 0; i < n; i++) {
            out.data[i] = softplus(a.data[i]);
        }
        return out;
    }

    /**
     * {@code softplus x = log(1 + e^x)}, computed as {@code max(x, 0) + log(1 + e^-|x|)} so
     * that it never overflows and keeps full precision for large negative {@code x}.
     *
     * @param x the argument.
     * @return {@code log(1 + e^x)}.
     */
    public static double softplus(double x) {
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /**
     * Log-softmax of every row ({@link Axis#EACH_ROW}) or every column ({@link Axis#EACH_COLUMN}):
     * {@code out_k = a_k - logsumexp(slice)}, each slice's log-sum-exp computed as {@link #along}
     * does, so scores of +-1000 give finite, exact results ({@code [1000, -1000]} gives
     * {@code [0, -2000]}). A slice holding an infinity or NaN gives NaN where {@code inf - inf}
     * arises, as in PyTorch.
     *
     * @param a scores. Not modified.
     * @param axis which slices to normalise.
     * @param out result, or null; may be {@code a}. Modified.
     * @return {@code out}.
     */
    public static DMatrixRMaj logSoftmax(DMatrixRMaj a, Axis axis, DMatrixRMaj out) {
        out = Products.reshape(out, a.numRows, a.numCols);
        boolean rows = axis == Axis.EACH_ROW;
        int slices = rows ? a.numRows : a.numCols;
        int length = rows ? a.numCols : a.numRows;
        int step = rows ? 1 : a.numCols;
        for (int s = 0; s < slices; s++) {
            int start = rows ? s * a.numCols : s;
            double lse = ofSlice(a, start, length, step);
            for (int i = 0, k = start; i < length; i++, k += step) {
                out.data[k] = a.data[k] - lse;
            }
        }
        return out;
    }

    /**
     * Log-softmax's vector-Jacobian product from its output, per slice:
     * {@code out_k = g_k - e^(y_k) sum_j g_j}, where {@code e^y} is the softmax (at most 1,
     * so this never overflows). The Jacobian {@code dy_i/da_j = delta_ij - e^(y_j)} is never built.
     *
     * @param y the log-softmax's output. Not modified.
     * @param g the gradient arriving at the output, same shape. Not modified.
     * @param axis the axis the log-softmax normalised.
     * @param out result, or null; must not alias {@code y} or {@code g}. Modified.
     * @return {@code out}.
     * @throws ShapeMismatchException if the shapes differ.
     */
    public static DMatrixRMaj logSoftmaxBackward(DMatrixRMaj y, DMatrixRMaj g, Axis axis, DMatrixRMaj out) {
        Elementwise.requireSame("log-softmax backward", y, g);
        out = Products.reshape(out, y.numRows, y.numCols);
        boolean rows = axis == Axis.EACH_ROW;
        int slices = rows ? y.numRows : y.numCols;
        int length = rows ? y.numCols : y.numRows;
        int step = rows ? 1 : y.numCols;
        for (int s = 0; s < slices; s++) {
            int start = rows ? s * y.numCols : s;
            double total = 0;
            for (int i = 0, k = start; i < length; i++, k += step) {
                total += g.data[k];
            }
            for (int i = 0, k = start; i < length; i++, k += step) {
                out.data[k] = g.data[k] - Math.exp(y.data[k]) * total;
            }
        }
        return out;
    }
}
