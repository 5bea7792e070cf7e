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
        return combine(Rule.ADD, a, b, null, null, null, out);
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
        return combine(Rule.MULTIPLY, a, b, null, null, null, out);
    }

    /**
     * {@code out = a / b} (element-wise) with broadcasting: division's
     * forward rule, and its VJP for the numerator ({@code dC / B}).
     *
     * @param a numerator. Not modified.
     * @param b denominator. Not modified.
     * @param out result, or null; must not alias a broadcast operand. Modified.
     * @return {@code out}.
     */
    public static DMatrixRMaj divide(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
        return combine(Rule.DIVIDE, a, b, null, null, null, out);
    }

    /**
     * Division's VJP for the denominator, in the output's shape: {@code out = -g * c / b},
     * where {@code c = a / b} (so {@code -g a / b^2} without recomputing {@code a / b}).
     *
     * @param g the gradient arriving at {@code c}, in the result's shape. Not modified.
     * @param b the denominator. Not modified.
     * @param c the quotient, shaped like {@code g}. Not modified.
     * @param out result, or null; must not alias a broadcast operand. Modified.
     * @return {@code out}, shaped like {@code g}.
     */
    public static DMatrixRMaj divideBackwardDenominator(DMatrixRMaj g, DMatrixRMaj b, DMatrixRMaj c,
                                                        DMatrixRMaj out) {
        return combine(Rule.DIVIDE_DENOMINATOR_VJP, g, b, c, null, null, out);
    }

    /**
     * {@code out = max(a, b)} (element-wise) with broadcasting; NaN if either is NaN.
     *
     * @param a left. Not modified.
     * @param b right. Not modified.
     * @param out result, or null; must not alias a broadcast operand. Modified.
     * @return {@code out}.
     */
    public static DMatrixRMaj maximum(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
        return combine(Rule.MAXIMUM, a, b, null, null, null, out);
    }

    /**
     * {@code out = min(a, b)} (element-wise) with broadcasting; NaN if either is NaN.
     *
     * @param a left. Not modified.
     * @param b right. Not modified.
     * @param out result, or null; must not alias a broadcast operand. Modified.
     * @return {@code out}.
     */
    public static DMatrixRMaj minimum(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
        return combine(Rule.MINIMUM, a, b, null, null, null, out);
    }

    /**
     * The VJP of {@code max(a, b)} for one operand, in the result's shape: {@code out = g}
     * where that operand is the maximum, else 0. On a tie ({@code a == b}) the left operand
     * {@code a} takes the whole gradient and {@code b} none.
     *
     * @param input 0 for {@code a}, 1 for {@code b}.
     * @param a left. Not modified.
     * @param b right. Not modified.
     * @param g the gradient arriving at the result, in its shape. Not modified.
     * @param out result, or null; must not alias a broadcast operand. Modified.
     * @return {@code out}, shaped like {@code g}.
     */
    public static DMatrixRMaj maximumBackward(int input, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj g,
                                              DMatrixRMaj out) {
        return combine(input == 0 ? Rule.MAXIMUM_LEFT_VJP : Rule.MAXIMUM_RIGHT_VJP, a, b, null, g, null, out);
    }

    /**
     * The VJP of {@code min(a, b)} for one operand, as {@link #maximumBackward} (a tie goes to
     * {@code a}).
     *
     * @param input 0 for {@code a}, 1 for {@code b}.
     * @param a left. Not modified.
     * @param b right. Not modified.
     * @param g the gradient arriving at the result, in its shape. Not modified.
     * @param out result, or null; must not alias a broadcast operand. Modified.
     * @return {@code out}, shaped like {@code g}.
     */
    public static DMatrixRMaj minimumBackward(int input, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj g,
                                              DMatrixRMaj out) {
        return combine(input == 0 ? Rule.MINIMUM_LEFT_VJP : Rule.MINIMUM_RIGHT_VJP, a, b, null, g, null, out);
    }

    /** A function of one element of each operand and of the result: {@code y = f(a, b)}, or a partial derivative. */
    @FunctionalInterface
    public interface ElementFunction {
        /**
         * The function at one element.
         *
         * @param a the left operand's element.
         * @param b the right operand's element.
         * @param y the result's element, {@code f(a, b)} (NaN in a forward rule, which has none yet).
         * @return the value.
         */
        double at(double a, double b, double y);
    }

    /**
     * {@code out = f(a, b)} (element-wise) with broadcasting, for any {@code f}: one call of
     * {@code f} per element (the built-in operations have loops of their own).
     *
     * @param a left. Not modified.
     * @param b right. Not modified.
     * @param f the function; its {@code y} argument is NaN.
     * @param out result, or null; must not alias a broadcast operand. Modified.
     * @return {@code out}.
     */
    public static DMatrixRMaj apply(DMatrixRMaj a, DMatrixRMaj b, ElementFunction f, DMatrixRMaj out) {
        return combine(Rule.FUNCTION, a, b, null, null, f, out);
    }

    /**
     * The VJP of {@code y = f(a, b)} for one operand, in the result's shape:
     * {@code out = g * partial(a, b, y)}.
     *
     * @param a left. Not modified.
     * @param b right. Not modified.
     * @param y the result, {@code f(a, b)}. Not modified.
     * @param g the gradient arriving at {@code y}, shaped like it. Not modified.
     * @param partial {@code df/da} or {@code df/db}.
     * @param out result, or null; must not alias a broadcast operand. Modified.
     * @return {@code out}, shaped like {@code y}.
     */
    public static DMatrixRMaj applyBackward(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj y, DMatrixRMaj g,
                                            ElementFunction partial, DMatrixRMaj out) {
        return combine(Rule.PARTIAL, a, b, y, g, partial, out);
    }

    /**
     * How close one element of an operand comes to a tie with the other operand, over every
     * element of the result it feeds: {@code min |a - b|} (the kink of max and min).
     *
     * @param input 0 for an element of {@code a}, 1 for one of {@code b}.
     * @param a left. Not modified.
     * @param b right. Not modified.
     * @param element the element's row-major index in its own operand.
     * @return the smallest gap.
     * @throws ShapeMismatchException if the shapes do not broadcast.
     */
    public static double smallestGap(int input, DMatrixRMaj a, DMatrixRMaj b, int element) {
        Shape result = resultShape("smallest gap", shapeOf(a), shapeOf(b));
        DMatrixRMaj own = input == 0 ? a : b;
        int row = element / own.numCols;
        int col = element % own.numCols;
        // A repeated axis of the operand (length 1 where the result's is longer) feeds the whole axis.
        int firstRow = own.numRows == 1 ? 0 : row;
        int lastRow = own.numRows == 1 ? result.rows() - 1 : row;
        int firstCol = own.numCols == 1 ? 0 : col;
        int lastCol = own.numCols == 1 ? result.cols() - 1 : col;
        double gap = Double.POSITIVE_INFINITY;
        for (int r = firstRow; r <= lastRow; r++) {
            for (int c = firstCol; c <= lastCol; c++) {
                gap = Math.min(gap, Math.abs(a.data[index(a, r, c)] - b.data[index(b, r, c)]));
            }
        }
        return gap;
    }

    /** The index of the element of {@code m} that element {@code (r, c)} of a broadcast result reads. */
    private static int index(DMatrixRMaj m, int r, int c) {
        return r * rowStride(m) + c * colStride(m);
    }

    /** How far apart the rows of {@code m} lie as a broadcast operand reads them: 0 for a repeated row. */
    private static int rowStride(DMatrixRMaj m) {
        return m.numRows == 1 ? 0 : m.numCols;
    }

    /** How far apart the columns of {@code m} lie as a broadcast operand reads them: 0 for a repeated column. */
    private static int colStride(DMatrixRMaj m) {
        return m.numCols == 1 ? 0 : 1;
    }

    /**
     * What {@link #combine} computes at one element of the result, from the operands'
     * elements {@code x} and {@code y} (broadcast) and, for backward rules, the result's
     * element {@code c[k]} and its gradient {@code g[k]}.
     */
    private enum Rule {
        ADD("add"),
        MULTIPLY("multiply"),
        DIVIDE("divide"),
        DIVIDE_DENOMINATOR_VJP("divide backward"),
        MAXIMUM("maximum"),
        MAXIMUM_LEFT_VJP("maximum backward"),
        MAXIMUM_RIGHT_VJP("maximum backward"),
        MINIMUM("minimum"),
        MINIMUM_LEFT_VJP("minimum backward"),
        MINIMUM_RIGHT_VJP("minimum backward"),
        FUNCTION("apply"),
        PARTIAL("apply backward");

        private final String operation;

        Rule(String operation) {
            this.operation = operation;
        }
    }

    /**
     * The one broadcasting traversal: {@code out[k] = rule(a[ia], b[ib], c[k], g[k])} for
     * every element {@code k} of the result, where {@code ia} and {@code ib} are the elements
     * of {@code a} and {@code b} that it reads, and {@code c} and {@code g} (either may be null
     * when the rule does not read it) have the result's shape.
     *
     * <p>The rule is chosen once per call; each rule's loops sit in a small method of their
     * own, which the JIT compiles tight, so the built-in rules make no call per element (only a
     * user's function does). Each has two loops: for operands of equal shapes, one that reads
     * every array at the result's own index, which the JIT vectorises; and a strided one, in
     * which operand {@code x}'s element {@code (r, j)} lies at {@code r * xr + j * xc}, a
     * stride being 0 along an axis where the operand is repeated.
     */
    private static DMatrixRMaj combine(Rule rule, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, DMatrixRMaj g,
                                       ElementFunction f, DMatrixRMaj out) {
        DMatrixRMaj big = fits(b.numRows, b.numCols, a.numRows, a.numCols) ? a
                : fits(a.numRows, a.numCols, b.numRows, b.numCols) ? b : null;
        if (big == null) {
            throw incompatible(rule.operation, shapeOf(a), shapeOf(b));
        }
        out = Products.reshape(out, big.numRows, big.numCols);
        boolean same = a.numRows == b.numRows && a.numCols == b.numCols;
        int rows = big.numRows;
        int cols = big.numCols;
        double[] x = a.data;
        int xr = rowStride(a);
        int xc = colStride(a);
        double[] y = b.data;
        int yr = rowStride(b);
        int yc = colStride(b);
        double[] o = out.data;
        double[] cd = c == null ? null : c.data;
        double[] gd = g == null ? null : g.data;
        switch (rule) {
            case ADD -> add(same, rows, cols, x, xr, xc, y, yr, yc, o);
            case MULTIPLY -> multiply(same, rows, cols, x, xr, xc, y, yr, yc, o);
            case DIVIDE -> divide(same, rows, cols, x, xr, xc, y, yr, yc, o);
            case DIVIDE_DENOMINATOR_VJP -> divideDenominator(same, rows, cols, x, xr, xc, y, yr, yc, cd, o);
            case MAXIMUM -> extremum(true, same, rows, cols, x, xr, xc, y, yr, yc, o);
            case MINIMUM -> extremum(false, same, rows, cols, x, xr, xc, y, yr, yc, o);
            case MAXIMUM_LEFT_VJP -> gate(true, same, rows, cols, x, xr, xc, y, yr, yc, gd, o);
            case MAXIMUM_RIGHT_VJP -> gate(false, same, rows, cols, x, xr, xc, y, yr, yc, gd, o);
            case MINIMUM_LEFT_VJP -> gate(true, same, rows, cols, y, yr, yc, x, xr, xc, gd, o);
            case MINIMUM_RIGHT_VJP -> gate(false, same, rows, cols, y, yr, yc, x, xr, xc, gd, o);
            case FUNCTION -> function(rows, cols, x, xr, xc, y, yr, yc, f, o);
            case PARTIAL -> partial(rows, cols, x, xr, xc, y, yr, yc, cd, gd, f, o);
        }
        return out;
    }

    // Each rule's loops, the first for equal shapes, the second strided (the parameters as in combine).

    private static void add(boolean same, int rows, int cols, double[] x, int xr, int xc, double[] y, int yr, int yc,
                            double[] out) {
        if (same) {
            for (int i = 0; i < rows * cols; i++) {
                out[i] = x[i] + y[i];
            }
            return;
        }
        for (int r = 0, k = 0; r < rows; r++) {
            int ix = r * xr;
            int iy = r * yr;
            for (int j = 0; j < cols; j++, k++) {
                out[k] = x[ix + j * xc] + y[iy + j * yc];
            }
        }
    }

    private static void multiply(boolean same, int rows, int cols, double[] x, int xr, int xc, double[] y, int yr,
                                 int yc, double[] out) {
        if (same) {
            for (int i = 0; i < rows * cols; i++) {
                out[i] = x[i] * y[i];
            }
            return;
        }
        for (int r = 0, k = 0; r < rows; r++) {
            int ix = r * xr;
            int iy = r * yr;
            for (int j = 0; j < cols; j++, k++) {
                out[k] = x[ix + j * xc] * y[iy + j * yc];
            }
        }
    }

    private static void divide(boolean same, int rows, int cols, double[] x, int xr, int xc, double[] y, int yr,
                               int yc, double[] out) {
        if (same) {
            for (int i = 0; i < rows * cols; i++) {
                out[i] = x[i] / y[i];
            }
            return;
        }
        for (int r = 0, k = 0; r < rows; r++) {
            int ix = r * xr;
            int iy = r * yr;
            for (int j = 0; j < cols; j++, k++) {
                out[k] = x[ix + j * xc] / y[iy + j * yc];
            }
        }
    }

    /** {@code -g c / b}: {@code x} is the gradient {@code g}, {@code y} the denominator {@code b}. */
    private static void divideDenominator(boolean same, int rows, int cols, double[] x, int xr, int xc, double[] y,
                                          int yr, int yc, double[] c, double[] out) {
        if (same) {
            for (int i = 0; i < rows * cols; i++) {
                out[i] = -x[i] * c[i] / y[i];
            }
            return;
        }
        for (int r = 0, k = 0; r < rows; r++) {
            int ix = r * xr;
            int iy = r * yr;
            for (int j = 0; j < cols; j++, k++) {
                out[k] = -x[ix + j * xc] * c[k] / y[iy + j * yc];
            }
        }
    }

    /** Max ({@code maximum}) or min of each pair of elements. */
    private static void extremum(boolean maximum, boolean same, int rows, int cols, double[] x, int xr, int xc,
                                 double[] y, int yr, int yc, double[] out) {
        if (same) {
            for (int i = 0; i < rows * cols; i++) {
                out[i] = pick(maximum, x[i], y[i]);
            }
            return;
        }
        for (int r = 0, k = 0; r < rows; r++) {
            int ix = r * xr;
            int iy = r * yr;
            for (int j = 0; j < cols; j++, k++) {
                out[k] = pick(maximum, x[ix + j * xc], y[iy + j * yc]);
            }
        }
    }

    /** {@code max(u, v)} or {@code min(u, v)}, NaN if either is NaN. */
    private static double pick(boolean maximum, double u, double v) {
        return maximum ? Math.max(u, v) : Math.min(u, v);
    }

    /**
     * The VJP of max and min: {@code g} where {@code (x >= y) == when}, else 0. Max's left
     * operand takes {@code a >= b} and its right the rest; min's left takes {@code b >= a} (the
     * operands swapped) and its right the rest; so a tie goes to the left operand in both.
     */
    private static void gate(boolean when, boolean same, int rows, int cols, double[] x, int xr, int xc, double[] y,
                             int yr, int yc, double[] g, double[] out) {
        if (same) {
            for (int i = 0; i < rows * cols; i++) {
                out[i] = (x[i] >= y[i]) == when ? g[i] : 0;
            }
            return;
        }
        for (int r = 0, k = 0; r < rows; r++) {
            int ix = r * xr;
            int iy = r * yr;
            for (int j = 0; j < cols; j++, k++) {
                out[k] = (x[ix + j * xc] >= y[iy + j * yc]) == when ? g[k] : 0;
            }
        }
    }

    // A user's function: one call per element, so the strided loop alone.

    private static void function(int rows, int cols, double[] x, int xr, int xc, double[] y, int yr, int yc,
                                 ElementFunction f, double[] out) {
        for (int r = 0, k = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++, k++) {
                out[k] = f.at(x[r * xr + j * xc], y[r * yr + j * yc], Double.NaN);
            }
        }
    }

    private static void partial(int rows, int cols, double[] x, int xr, int xc, double[] y, int yr, int yc,
                                double[] c, double[] g, ElementFunction f, double[] out) {
        for (int r = 0, k = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++, k++) {
                out[k] = g[k] * f.at(x[r * xr + j * xc], y[r * yr + j * yc], c[k]);
            }
        }
    }

    /**
     * Repeats an operand over a larger shape, the forward rule of {@code expand} and the
     * adjoint of {@link #reduceTo}: {@code out[i, j] = a[i, j]} for the same shape,
     * {@code a[0, j]} for a {@code 1xn} row, {@code a[i, 0]} for an {@code mx1} column and
     * {@code a[0, 0]} for a {@code 1x1} scalar.
     *
     * @param a the operand. Not modified.
     * @param out the result, already shaped; every element is written. Modified.
     * @return {@code out}.
     * @throws ShapeMismatchException if {@code a} does not broadcast to {@code out}'s shape.
     */
    public static DMatrixRMaj expand(DMatrixRMaj a, DMatrixRMaj out) {
        int rows = out.numRows;
        int cols = out.numCols;
        boolean rowWise = a.numRows == 1;
        boolean columnWise = a.numCols == 1;
        if (!(a.numRows == rows || rowWise) || !(a.numCols == cols || columnWise)) {
            throw new ShapeMismatchException("expand: a " + shapeOf(a) + " operand does not broadcast to "
                    + shapeOf(out));
        }
        for (int i = 0; i < rows; i++) {
            int from = rowWise ? 0 : i * a.numCols;
            int to = i * cols;
            if (columnWise) {
                java.util.Arrays.fill(out.data, to, to + cols, a.data[from]);
            } else {
                System.arraycopy(a.data, from, out.data, to, cols);
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
