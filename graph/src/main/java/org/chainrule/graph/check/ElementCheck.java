package org.chainrule.graph.check;

/**
 * The check of one element of one input's gradient: the analytic derivative
 * {@code df/dx[row][col]} against the central difference
 * {@code (f(x + h e) - f(x - h e)) / 2h}, where {@code e} is the unit step in that element.
 * For a function with a larger output, one entry of the Jacobian: {@code dy[outputRow][outputCol] / dx[row][col]}.
 *
 * <p>It passes when {@code |analytic - numeric| <= atol + rtol |numeric|}, or, at a kink
 * (the one-sided differences {@code left = (f(x) - f(x - h e)) / h} and
 * {@code right = (f(x + h e) - f(x)) / h} disagree by more than that tolerance), when the
 * analytic value lies between {@code left} and {@code right} within the tolerance. A NaN or
 * infinity anywhere fails.
 *
 * @param input which input, from 0 (the function's {@code x0}, {@code x1}, ...).
 * @param row the element's row.
 * @param col the element's column.
 * @param outputRow the output element's row, or -1 for a {@code 1x1} output.
 * @param outputCol the output element's column, or -1 for a {@code 1x1} output.
 * @param analytic the derivative the gradient under test gives.
 * @param numeric the central difference.
 * @param left the left one-sided difference.
 * @param right the right one-sided difference.
 * @param absoluteError {@code |analytic - numeric|}.
 * @param relativeError {@code |analytic - numeric| / |numeric|} (0 when both are 0, infinite when only {@code numeric} is).
 * @param kink whether {@code left} and {@code right} disagree beyond the tolerance.
 * @param toleranceRatio the error as a multiple of the allowed error: at most 1 passes
 *     (at a kink, the smaller of the central error's ratio and the distance outside
 *     {@code [left, right]}'s ratio); infinite when a value is not finite.
 */
public record ElementCheck(int input, int row, int col, int outputRow, int outputCol, double analytic, double numeric, double left, double right,
                           double absoluteError, double relativeError, boolean kink, double toleranceRatio) {

    static ElementCheck of(int input, int row, int col, int outputRow, int outputCol, FiniteDifference d) {
        return new ElementCheck(input, row, col, outputRow, outputCol, d.analytic, d.numeric, d.left, d.right, d.absoluteError,
                d.relativeError, d.kink, d.toleranceRatio);
    }

    /**
     * Whether the element passed.
     *
     * @return {@code toleranceRatio <= 1}.
     */
    public boolean passed() {
        return toleranceRatio <= 1;
    }

    /**
     * E.g. {@code x0[1, 2]: analytic 0, numeric 0.5, |error| 0.5 (relative 1); kink: left 0, right 1},
     * or for a larger output {@code dy[0, 1]/dx0[1, 2]: ...}.
     */
    @Override
    public String toString() {
        return where() + ": "
                + FiniteDifference.describe(analytic, numeric, absoluteError, relativeError, kink, left, right);
    }

    /**
     * Which entry this is: {@code x0[1, 2]}, or {@code dy[0, 1]/dx0[1, 2]} when the output is
     * larger than {@code 1x1}.
     *
     * @return the entry's name.
     */
    public String where() {
        String element = "x" + input + "[" + row + ", " + col + "]";
        return outputRow < 0 ? element
                : "dy[" + outputRow + ", " + outputCol + "]/d" + element;
    }
}
