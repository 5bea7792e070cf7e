package org.chainrule.graph.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Elementwise;
import org.chainrule.core.Tensor;
import org.ejml.data.DMatrixRMaj;

/**
 * Checks gradients against central finite differences. Immutable: the {@code with...}
 * methods return a changed copy.
 *
 * <p>For every element {@code x[j][k]} of every input, the numeric derivative is
 * {@code (f(x + h e) - f(x - h e)) / 2h}, where {@code e} steps that element alone, and the
 * analytic one passes when {@code |analytic - numeric| <= atol + rtol |numeric|}. The
 * defaults are those of PyTorch's double-precision {@code gradcheck}: {@code h = 1e-6},
 * {@code atol = 1e-5}, {@code rtol = 1e-3}. Each evaluation of {@code f} records a fresh
 * graph, so the check costs {@code 2 + 2n} evaluations for {@code n} input elements, plus
 * two gradient computations.
 *
 * <p>Besides the element-wise comparison the check fails on:
 * <ul>
 *   <li>a NaN or infinity in the output, the analytic gradient or the numeric gradient;</li>
 *   <li>a gradient that is not bit-for-bit the same when computed twice on identical input
 *       (and likewise the value): backward must be deterministic;</li>
 *   <li>gradients of the wrong number or shape.</li>
 * </ul>
 *
 * <p><b>Kinks.</b> Where {@code f} is not differentiable (relu at 0) the central difference
 * is meaningless: relu's is 0.5 there, while its analytic derivative is 0. So where the
 * one-sided differences {@code (f(x) - f(x - h e)) / h} and {@code (f(x + h e) - f(x)) / h}
 * disagree by more than the tolerance, an analytic value lying between them (within the
 * tolerance) is accepted, and the element is reported as a kink. An analytic value outside
 * that range still fails, and elements where the function is smooth are never relaxed.
 *
 * <p><b>Fast mode.</b> For large inputs, {@link #withFastMode(long)} compares a single
 * directional derivative instead: {@code v . grad f} against
 * {@code (f(x + h v) - f(x - h v)) / 2h} for one random direction {@code v} — three
 * evaluations instead of {@code 2n}. It detects almost every wrong gradient, but it cannot
 * say which element is wrong.
 *
 * <p>Use it from any test framework:
 * <pre>{@code
 * GradientCheck.defaults().assertGradients((graph, x) -> x[0].matmul(x[1]).sigmoid().sum(), a, b);
 * GradientCheckResult r = GradientCheck.defaults().withTolerance(1e-6, 1e-4).check(f, a, b);
 * }</pre>
 */
public final class GradientCheck {
    private static final GradientCheck DEFAULTS = new GradientCheck(1e-6, 1e-5, 1e-3, false, 0L);

    private final double step;
    private final double absoluteTolerance;
    private final double relativeTolerance;
    private final boolean fastMode;
    private final long fastModeSeed;

    private GradientCheck(double step, double absoluteTolerance, double relativeTolerance, boolean fastMode,
                          long fastModeSeed) {
        if (!(step > 0) || !Double.isFinite(step)) {
            throw new IllegalArgumentException("gradient check: the step h must be finite and > 0, got " + step);
        }
        requireTolerance("absolute", absoluteTolerance);
        requireTolerance("relative", relativeTolerance);
        this.step = step;
        this.absoluteTolerance = absoluteTolerance;
        this.relativeTolerance = relativeTolerance;
        this.fastMode = fastMode;
        this.fastModeSeed = fastModeSeed;
    }

    private static void requireTolerance(String which, double tolerance) {
        if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("gradient check: the " + which
                    + " tolerance must be finite and >= 0, got " + tolerance);
        }
    }

    /**
     * PyTorch's double-precision defaults: {@code h = 1e-6}, {@code atol = 1e-5},
     * {@code rtol = 1e-3}, every element checked.
     *
     * @return the default settings.
     */
    public static GradientCheck defaults() {
        return DEFAULTS;
    }

    // ---- settings ----

    /**
     * The same settings with another finite-difference step.
     *
     * @param h the step, finite and {@code > 0}.
     * @return the changed copy.
     * @throws IllegalArgumentException if {@code h} is not finite and positive.
     */
    public GradientCheck withStep(double h) {
        return new GradientCheck(h, absoluteTolerance, relativeTolerance, fastMode, fastModeSeed);
    }

    /**
     * The same settings with other tolerances in the pass rule
     * {@code |analytic - numeric| <= atol + rtol |numeric|}.
     *
     * @param atol the absolute tolerance, finite and {@code >= 0}.
     * @param rtol the relative tolerance, finite and {@code >= 0}.
     * @return the changed copy.
     * @throws IllegalArgumentException if a tolerance is negative or not finite.
     */
    public GradientCheck withTolerance(double atol, double rtol) {
        return new GradientCheck(step, atol, rtol, fastMode, fastModeSeed);
    }

    /**
     * The same settings with another absolute tolerance.
     *
     * @param atol the absolute tolerance, finite and {@code >= 0}.
     * @return the changed copy.
     * @throws IllegalArgumentException if {@code atol} is negative or not finite.
     */
    public GradientCheck withAbsoluteTolerance(double atol) {
        return withTolerance(atol, relativeTolerance);
    }

    /**
     * The same settings with another relative tolerance.
     *
     * @param rtol the relative tolerance, finite and {@code >= 0}.
     * @return the changed copy.
     * @throws IllegalArgumentException if {@code rtol} is negative or not finite.
     */
    public GradientCheck withRelativeTolerance(double rtol) {
        return withTolerance(absoluteTolerance, rtol);
    }

    /**
     * Fast mode: check one directional derivative along a random direction instead of every
     * element (see the class description).
     *
     * @param seed the seed of the direction's random entries, so that a check is reproducible.
     * @return the changed copy.
     */
    public GradientCheck withFastMode(long seed) {
        return new GradientCheck(step, absoluteTolerance, relativeTolerance, true, seed);
    }

    /**
     * Element-wise mode (the default): check every element of every input.
     *
     * @return the changed copy.
     */
    public GradientCheck withElementwiseMode() {
        return new GradientCheck(step, absoluteTolerance, relativeTolerance, false, 0L);
    }

    /**
     * The finite-difference step.
     *
     * @return {@code h}.
     */
    public double step() {
        return step;
    }

    /**
     * The absolute tolerance.
     *
     * @return {@code atol}.
     */
    public double absoluteTolerance() {
        return absoluteTolerance;
    }

    /**
     * The relative tolerance.
     *
     * @return {@code rtol}.
     */
    public double relativeTolerance() {
        return relativeTolerance;
    }

    /**
     * Whether this is fast mode (one random direction) rather than element-wise.
     *
     * @return true in fast mode.
     */
    public boolean isFastMode() {
        return fastMode;
    }

    /**
     * The seed of fast mode's random direction.
     *
     * @return the seed (0 in element-wise mode).
     */
    public long fastModeSeed() {
        return fastModeSeed;
    }

    /**
     * The largest error the pass rule allows against a numeric derivative.
     *
     * @param numeric the numeric derivative.
     * @return {@code atol + rtol |numeric|}.
     */
    public double allowedError(double numeric) {
        return absoluteTolerance + relativeTolerance * Math.abs(numeric);
    }

    // ---- checks ----

    /**
     * Checks the gradient {@link org.chainrule.graph.Graph#backward} computes for a function
     * recorded as a graph.
     *
     * @param function records {@code f} in a fresh graph, from one parameter node per input.
     * @param inputs the point to check at: any number of tensors of any shapes. Not modified.
     * @return the result; call {@link GradientCheckResult#assertPassed()} or inspect it.
     * @throws org.chainrule.core.ShapeMismatchException if the function's output is not {@code 1x1}.
     * @throws IllegalArgumentException if there are no inputs.
     * @throws org.chainrule.core.ChainruleException if the function, the inputs or an input is
     *     null, or if recording the function throws one.
     */
    public GradientCheckResult check(GraphFunction function, Tensor... inputs) {
        ChainruleException.requireNonNull(function, "gradient check: the function");
        return compare(function::value, function::gradient, inputs);
    }

    /**
     * Checks, and throws if the check fails: {@code check(function, inputs).assertPassed()}.
     *
     * @param function records {@code f} in a fresh graph, from one parameter node per input.
     * @param inputs the point to check at. Not modified.
     * @return the passing result, for example to look at its kinks.
     * @throws AssertionError with a readable report, if the check fails.
     */
    public GradientCheckResult assertGradients(GraphFunction function, Tensor... inputs) {
        return check(function, inputs).assertPassed();
    }

    /**
     * The general check: compares <em>any</em> analytic gradient with the finite differences
     * of a value function, whatever computes them (another engine, a hand-derived formula).
     *
     * @param value computes {@code f(x)} from the inputs; called {@code 2 + 2n} times for
     *     {@code n} input elements (4 times in fast mode).
     * @param gradient computes {@code df/dx}, one tensor per input shaped like it; called
     *     twice, to verify that it is deterministic.
     * @param inputs the point to check at. Not modified.
     * @return the result.
     * @throws IllegalArgumentException if there are no inputs.
     * @throws org.chainrule.core.ChainruleException if a function, the inputs or an input is null.
     */
    public GradientCheckResult compare(ToDoubleFunction<List<Tensor>> value, Function<List<Tensor>, List<Tensor>> gradient,
                                       Tensor... inputs) {
        ChainruleException.requireNonNull(value, "gradient check: the value function");
        ChainruleException.requireNonNull(gradient, "gradient check: the gradient function");
        ChainruleException.requireNonNull(inputs, "gradient check: the array of inputs");
        for (int i = 0; i < inputs.length; i++) {
            ChainruleException.requireNonNull(inputs[i], "gradient check: input x" + i);
        }
        List<Tensor> x = List.of(inputs);
        if (x.isEmpty()) {
            throw new IllegalArgumentException("gradient check: no inputs given; pass the tensors to differentiate by");
        }
        List<String> problems = new ArrayList<>();
        double output = value.applyAsDouble(x);
        double again = value.applyAsDouble(x);
        if (!Double.isFinite(output)) {
            problems.add("the output f(x) = " + output + " is not finite");
        }
        if (Double.doubleToLongBits(output) != Double.doubleToLongBits(again)) {
            problems.add("the value is not deterministic: f(x) gave " + output + " and then " + again
                    + " on identical input");
        }
        List<Tensor> analytic = gradient.apply(x);
        List<Tensor> analyticAgain = gradient.apply(x);
        if (!gradientsFit(x, analytic, problems) || !gradientsFit(x, analyticAgain, problems)) {
            return new GradientCheckResult(this, x, output, List.of(), null, problems);
        }
        for (int i = 0; i < x.size(); i++) {
            if (!analytic.get(i).equals(analyticAgain.get(i))) {
                problems.add("the gradient is not deterministic: two computations on identical input gave different"
                        + " gradients for x" + i + ": " + analytic.get(i) + " and then " + analyticAgain.get(i));
            }
            if (!analytic.get(i).isFinite()) {
                problems.add("the analytic gradient of x" + i + " has NaN or infinite entries: " + analytic.get(i));
            }
        }
        if (fastMode) {
            DirectionCheck direction = checkDirection(value, x, output, analytic);
            return new GradientCheckResult(this, x, output, List.of(), direction, problems);
        }
        List<InputCheck> checks = new ArrayList<>(x.size());
        for (int i = 0; i < x.size(); i++) {
            checks.add(checkInput(value, x, output, i, analytic.get(i)));
        }
        return new GradientCheckResult(this, x, output, checks, null, problems);
    }

    private static boolean gradientsFit(List<Tensor> x, List<Tensor> gradients, List<String> problems) {
        if (gradients == null || gradients.size() != x.size()) {
            problems.add("the gradient function returned " + (gradients == null ? "null" : gradients.size() + " tensors")
                    + " for " + x.size() + (x.size() == 1 ? " input" : " inputs"));
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            Tensor g = gradients.get(i);
            if (g == null || !g.shape().equals(x.get(i).shape())) {
                problems.add("the gradient of x" + i + " is " + (g == null ? "null" : g.shape().toString())
                        + " but x" + i + " is " + x.get(i).shape() + ": a gradient has its input's shape");
                return false;
            }
        }
        return true;
    }

    private InputCheck checkInput(ToDoubleFunction<List<Tensor>> value, List<Tensor> x, double output, int i,
                                  Tensor analytic) {
        Tensor xi = x.get(i);
        int cols = xi.cols();
        DMatrixRMaj numeric = new DMatrixRMaj(xi.rows(), cols);
        List<Tensor> shifted = new ArrayList<>(x);
        ElementCheck worst = null;
        List<ElementCheck> failures = new ArrayList<>();
        List<ElementCheck> kinks = new ArrayList<>();
        for (int e = 0; e < xi.size(); e++) {
            shifted.set(i, withElementShifted(xi, e, step));
            double plus = value.applyAsDouble(shifted);
            shifted.set(i, withElementShifted(xi, e, -step));
            double minus = value.applyAsDouble(shifted);
            FiniteDifference d = FiniteDifference.of(analytic.getFlat(e), minus, output, plus, this);
            ElementCheck element = ElementCheck.of(i, e / cols, e % cols, d);
            numeric.data[e] = d.numeric;
            if (worst == null || !(element.toleranceRatio() <= worst.toleranceRatio())) {
                worst = element;
            }
            if (!element.passed()) {
                failures.add(element);
            }
            if (element.kink()) {
                kinks.add(element);
            }
        }
        return new InputCheck(i, xi, analytic, Tensor.adopt(numeric), worst, failures, kinks);
    }

    private DirectionCheck checkDirection(ToDoubleFunction<List<Tensor>> value, List<Tensor> x, double output,
                                          List<Tensor> analytic) {
        Random random = new Random(fastModeSeed);
        List<Tensor> direction = new ArrayList<>(x.size());
        List<Tensor> plus = new ArrayList<>(x.size());
        List<Tensor> minus = new ArrayList<>(x.size());
        double slope = 0;
        for (int i = 0; i < x.size(); i++) {
            Tensor v = Tensor.normal(x.get(i).rows(), x.get(i).cols(), 1.0, random);
            direction.add(v);
            plus.add(alongDirection(x.get(i), step, v));
            minus.add(alongDirection(x.get(i), -step, v));
            for (int e = 0; e < v.size(); e++) {
                slope += v.getFlat(e) * analytic.get(i).getFlat(e);
            }
        }
        FiniteDifference d = FiniteDifference.of(slope, value.applyAsDouble(minus), output, value.applyAsDouble(plus),
                this);
        return DirectionCheck.of(direction, d);
    }

    private static Tensor withElementShifted(Tensor x, int flatIndex, double delta) {
        DMatrixRMaj m = x.toMatrix();
        m.data[flatIndex] += delta;
        return Tensor.adopt(m);
    }

    private static Tensor alongDirection(Tensor x, double h, Tensor v) {
        return Tensor.adopt(Elementwise.addScaledInPlace(x.toMatrix(), h, v.matrixView()));
    }

    /** E.g. {@code h = 1e-06, atol = 1e-05, rtol = 0.001, every element}. */
    @Override
    public String toString() {
        return "h = " + Tensor.format(step) + ", atol = " + Tensor.format(absoluteTolerance) + ", rtol = "
                + Tensor.format(relativeTolerance) + ", pass if |analytic - numeric| <= atol + rtol |numeric|, "
                + (fastMode ? "fast mode: one random direction, seed " + fastModeSeed : "every element");
    }

    /** Equal when every setting is. */
    @Override
    public boolean equals(Object o) {
        return o instanceof GradientCheck c && c.step == step && c.absoluteTolerance == absoluteTolerance
                && c.relativeTolerance == relativeTolerance && c.fastMode == fastMode && c.fastModeSeed == fastModeSeed;
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(step, absoluteTolerance, relativeTolerance, fastMode, fastModeSeed);
    }
}
