package org.chainrule.graph.check;

import org.chainrule.core.Tensor;

/**
 * One comparison of an analytic derivative with finite differences along one step: the
 * arithmetic shared by the element-wise and the directional check.
 *
 * <p>From {@code f(x - h)}, {@code f(x)} and {@code f(x + h)}: the central difference
 * {@code (f(x+h) - f(x-h)) / 2h} and the one-sided ones {@code left = (f(x) - f(x-h)) / h},
 * {@code right = (f(x+h) - f(x)) / h}. The analytic value passes when
 * {@code |analytic - central| <= atol + rtol |central|}. Where {@code left} and {@code right}
 * disagree by more than that same tolerance, the function has a kink (it is not
 * differentiable there, or the step crossed a point where it is not), and an analytic value
 * lying between them, within the tolerance, passes too.
 */
final class FiniteDifference {
    final double analytic;
    final double numeric;
    final double left;
    final double right;
    final double absoluteError;
    final double relativeError;
    final boolean kink;
    /** The error as a multiple of what the tolerance allows: at most 1 passes; infinite if anything is not finite. */
    final double toleranceRatio;

    private FiniteDifference(double analytic, double minus, double centre, double plus, GradientCheck settings) {
        double h = settings.step();
        this.analytic = analytic;
        this.numeric = (plus - minus) / (2 * h);
        this.left = (centre - minus) / h;
        this.right = (plus - centre) / h;
        this.absoluteError = Math.abs(analytic - numeric);
        this.relativeError = absoluteError == 0 ? 0 : absoluteError / Math.abs(numeric);
        boolean finite = Double.isFinite(analytic) && Double.isFinite(numeric) && Double.isFinite(left)
                && Double.isFinite(right);
        double sidesAllowed = settings.allowedError(Math.max(Math.abs(left), Math.abs(right)));
        this.kink = finite && Math.abs(right - left) > sidesAllowed;
        double centralRatio = ratio(absoluteError, settings.allowedError(numeric));
        if (!finite) {
            this.toleranceRatio = Double.POSITIVE_INFINITY;
        } else if (kink) {
            double outside = Math.max(0, Math.max(Math.min(left, right) - analytic, analytic - Math.max(left, right)));
            this.toleranceRatio = Math.min(centralRatio, ratio(outside, sidesAllowed));
        } else {
            this.toleranceRatio = centralRatio;
        }
    }

    /**
     * Compares an analytic derivative with the differences of three function values.
     *
     * @param analytic the analytic derivative along the step.
     * @param minus {@code f(x - h)}.
     * @param centre {@code f(x)}.
     * @param plus {@code f(x + h)}.
     * @param settings the step and tolerances.
     * @return the comparison.
     */
    static FiniteDifference of(double analytic, double minus, double centre, double plus, GradientCheck settings) {
        return new FiniteDifference(analytic, minus, centre, plus, settings);
    }

    /** {@code error / allowed}, reading no error as 0 even when nothing is allowed. */
    private static double ratio(double error, double allowed) {
        return error == 0 ? 0 : error / allowed;
    }

    boolean passed() {
        return toleranceRatio <= 1;
    }

    /** E.g. {@code analytic 0, numeric 0.5, |error| 0.5 (relative 1); kink: left 0, right 1}. */
    static String describe(double analytic, double numeric, double absoluteError, double relativeError, boolean kink,
                           double left, double right) {
        StringBuilder sb = new StringBuilder()
                .append("analytic ").append(Tensor.format(analytic))
                .append(", numeric ").append(Tensor.format(numeric))
                .append(", |error| ").append(Tensor.format(absoluteError))
                .append(" (relative ").append(Tensor.format(relativeError)).append(')');
        if (kink) {
            sb.append("; kink: one-sided differences left ").append(Tensor.format(left))
                    .append(", right ").append(Tensor.format(right));
        }
        return sb.toString();
    }
}
