package org.chainrule.graph.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Shape;
import org.chainrule.core.Tensor;
import org.chainrule.graph.ElementwiseOperation;
import org.chainrule.graph.Node;
import org.chainrule.graph.Operation;
import org.chainrule.graph.Replay;
import org.ejml.data.DMatrixRMaj;

/**
 * Checks gradients against central finite differences. Immutable: the {@code with...}
 * methods return a changed copy.
 *
 * <p>For every element {@code x[j][k]} of every input, the numeric derivative is
 * {@code (f(x + h e) - f(x - h e)) / 2h}, where {@code e} steps that element alone, and the
 * analytic one passes when {@code |analytic - numeric| <= atol + rtol |numeric|}. The
 * defaults are those of PyTorch's double-precision {@code gradcheck}: {@code h = 1e-6},
 * {@code atol = 1e-5}, {@code rtol = 1e-3}. The check costs {@code 2n} evaluations for
 * {@code n} input elements, plus two recordings at the point itself.
 *
 * <p><b>Any output.</b> A function with an {@code m}-element output is checked on its whole
 * Jacobian, as PyTorch's {@code gradcheck} does: row {@code r} of the analytic Jacobian is
 * the vector-Jacobian product with the {@code r}-th unit vector (one backward pass each), and
 * every entry {@code d y_r / d x[j][k]} is compared with the central difference of
 * {@code y_r}.
 *
 * <p>Besides the element-wise comparison the check fails on:
 * <ul>
 *   <li>a NaN or infinity in the output, the analytic gradient or the numeric gradient;</li>
 *   <li>a gradient that is not bit-for-bit the same when computed twice on identical input
 *       (and likewise the value): backward must be deterministic;</li>
 *   <li>gradients of the wrong number or shape.</li>
 * </ul>
 *
 * <p><b>Where the bug is.</b> When a {@link GraphFunction} fails, the result carries a
 * {@link Localisation}: the operation nearest the output whose own VJP disagrees with the
 * finite differences of its own forward rule, or, when every operation passes on its own, the
 * node where the combined gradient first goes wrong.
 *
 * <p><b>Kinks.</b> Where {@code f} is not differentiable (relu at 0) the central difference
 * is meaningless: relu's is 0.5 there, while its analytic derivative is 0. So where the
 * one-sided differences {@code (f(x) - f(x - h e)) / h} and {@code (f(x + h e) - f(x)) / h}
 * disagree by more than the tolerance, an analytic value lying between them (within the
 * tolerance) is accepted, and the element is reported as a kink. An analytic value outside
 * that range still fails, and elements where the function is smooth are never relaxed.
 *
 * <p><b>Fast mode.</b> For large inputs, {@link #withFastMode(long)} compares a single
 * directional derivative instead: {@code u . J v} against
 * {@code u . (f(x + h v) - f(x - h v)) / 2h} for random directions {@code v} (over the
 * inputs) and {@code u} (over the output, omitted for a {@code 1x1} output) — three
 * evaluations instead of {@code 2n}. It detects almost every wrong gradient, but it cannot
 * say which element is wrong.
 *
 * <p><b>Speed.</b> A {@link GraphFunction} is recorded twice at the point; the shifted
 * points replay the first recording ({@link Replay}), recomputing only the nodes between the
 * shifted input and the output, in the recording's own buffers. The numbers are bit for bit
 * those of recording the function afresh at every shifted point, which is what the check does
 * instead when the recording read a value (and so may have branched on it), or when asked to
 * with {@link #withRecordingEachEvaluation()}.
 *
 * <p><b>Seeds.</b> Every random choice (fast mode's directions, the localisation's readout
 * weights, {@link #checkOperation}'s inputs) comes from {@link #seed()}, which every report
 * prints: {@code withSeed(seed)} reproduces the check.
 *
 * <p>Use it from any test framework:
 * <pre>{@code
 * GradientCheck.defaults().assertGradients((graph, x) -> x[0].matmul(x[1]).sigmoid().sum(), a, b);
 * GradientCheckResult r = GradientCheck.defaults().withTolerance(1e-6, 1e-4).check(f, a, b);
 * GradientCheck.defaults().checkOperation(new Softplus(), new Shape(3, 4)).assertPassed();
 * }</pre>
 */
public final class GradientCheck {
    private static final GradientCheck DEFAULTS = new GradientCheck(1e-6, 1e-5, 1e-3, false, 0L, false, -2, 2);
    /** The largest dimension of a shape {@link #checkOperation(ElementwiseOperation)} draws. */
    private static final int LARGEST_DRAWN_DIMENSION = 6;

    private final double step;
    private final double absoluteTolerance;
    private final double relativeTolerance;
    private final boolean fastMode;
    private final long seed;
    private final boolean recordEachEvaluation;
    private final double inputLow;
    private final double inputHigh;

    private GradientCheck(double step, double absoluteTolerance, double relativeTolerance, boolean fastMode, long seed,
                          boolean recordEachEvaluation, double inputLow, double inputHigh) {
        if (!(step > 0) || !Double.isFinite(step)) {
            throw new IllegalArgumentException("gradient check: the step h must be finite and > 0, got " + step);
        }
        requireTolerance("absolute", absoluteTolerance);
        requireTolerance("relative", relativeTolerance);
        if (!(inputLow < inputHigh) || !Double.isFinite(inputLow) || !Double.isFinite(inputHigh)) {
            throw new IllegalArgumentException("gradient check: the input range must be finite with low < high, got ["
                    + inputLow + ", " + inputHigh + "]");
        }
        this.step = step;
        this.absoluteTolerance = absoluteTolerance;
        this.relativeTolerance = relativeTolerance;
        this.fastMode = fastMode;
        this.seed = seed;
        this.recordEachEvaluation = recordEachEvaluation;
        this.inputLow = inputLow;
        this.inputHigh = inputHigh;
    }

    private static void requireTolerance(String which, double tolerance) {
        if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("gradient check: the " + which
                    + " tolerance must be finite and >= 0, got " + tolerance);
        }
    }

    /**
     * PyTorch's double-precision defaults: {@code h = 1e-6}, {@code atol = 1e-5},
     * {@code rtol = 1e-3}, every element checked; seed 0; drawn inputs in {@code [-2, 2]}.
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
        return new GradientCheck(h, absoluteTolerance, relativeTolerance, fastMode, seed, recordEachEvaluation,
                inputLow, inputHigh);
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
        return new GradientCheck(step, atol, rtol, fastMode, seed, recordEachEvaluation, inputLow, inputHigh);
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
     * Fast mode: check one directional derivative along random directions instead of every
     * element (see the class description).
     *
     * @param seed the seed of the directions' random entries (the check's {@link #seed()}).
     * @return the changed copy.
     */
    public GradientCheck withFastMode(long seed) {
        return new GradientCheck(step, absoluteTolerance, relativeTolerance, true, seed, recordEachEvaluation,
                inputLow, inputHigh);
    }

    /**
     * Element-wise mode (the default): check every element of every input. The seed stays.
     *
     * @return the changed copy.
     */
    public GradientCheck withElementwiseMode() {
        return new GradientCheck(step, absoluteTolerance, relativeTolerance, false, seed, recordEachEvaluation,
                inputLow, inputHigh);
    }

    /**
     * The same settings with another seed for every random choice (see the class description).
     *
     * @param newSeed the seed.
     * @return the changed copy.
     */
    public GradientCheck withSeed(long newSeed) {
        return new GradientCheck(step, absoluteTolerance, relativeTolerance, fastMode, newSeed, recordEachEvaluation,
                inputLow, inputHigh);
    }

    /**
     * Records a {@link GraphFunction} afresh for every evaluation instead of replaying one
     * recording: for a function whose recording depends on values in a way the checker cannot
     * see (it reads them other than through {@link Node#value()}). Slower; the same numbers
     * for any other function.
     *
     * @return the changed copy.
     */
    public GradientCheck withRecordingEachEvaluation() {
        return new GradientCheck(step, absoluteTolerance, relativeTolerance, fastMode, seed, true, inputLow, inputHigh);
    }

    /**
     * The range {@link #checkOperation} draws input values from, uniformly (for example
     * {@code (0.1, 3)} for a logarithm).
     *
     * @param low the smallest value.
     * @param high the largest value, above {@code low}.
     * @return the changed copy.
     * @throws IllegalArgumentException if the range is empty or not finite.
     */
    public GradientCheck withInputRange(double low, double high) {
        return new GradientCheck(step, absoluteTolerance, relativeTolerance, fastMode, seed, recordEachEvaluation,
                low, high);
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
     * @return the seed in fast mode, 0 in element-wise mode.
     */
    public long fastModeSeed() {
        return fastMode ? seed : 0L;
    }

    /**
     * The seed of every random choice the check makes.
     *
     * @return the seed (0 by default).
     */
    public long seed() {
        return seed;
    }

    /**
     * Whether a {@link GraphFunction} is recorded afresh for every evaluation.
     *
     * @return true after {@link #withRecordingEachEvaluation()}.
     */
    public boolean recordsEachEvaluation() {
        return recordEachEvaluation;
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
     * recorded as a graph: every entry of its Jacobian (for a {@code 1x1} output, its
     * gradient), or one projection of it in fast mode. A failing result carries a
     * {@link Localisation}.
     *
     * @param function records {@code f} in a fresh graph, from one parameter node per input.
     * @param inputs the point to check at: any number of tensors of any shapes. Not modified.
     * @return the result; call {@link GradientCheckResult#assertPassed()} or inspect it.
     * @throws IllegalArgumentException if there are no inputs.
     * @throws org.chainrule.core.ChainruleException if the function, the inputs or an input is
     *     null, or if recording the function throws one.
     */
    public GradientCheckResult check(GraphFunction function, Tensor... inputs) {
        ChainruleException.requireNonNull(function, "gradient check: the function");
        List<Tensor> x = requireInputs(inputs);
        GradientCheckResult result = checkWithoutSearch(function, x);
        if (result.passed() || result.inputChecks().isEmpty() && result.direction().isEmpty()) {
            return result;
        }
        return result.withLocalisation(Localisation.searching(function, x, this));
    }

    /** The check itself, without the search for the faulty operation. */
    private GradientCheckResult checkWithoutSearch(GraphFunction function, List<Tensor> x) {
        Recording first = Recording.of(function, x);
        Replay replay = Replay.of(first.output);
        boolean replays = !recordEachEvaluation && !replay.valuesWereRead();
        double[] centre = replay.copyOutputInto(new double[first.output.shape().size()]);
        Recording second = Recording.of(function, x);
        double[] again = Replay.of(second.output).copyOutputInto(new double[centre.length]);
        List<Tensor> analytic = first.jacobians();
        List<Tensor> analyticAgain = second.jacobians();
        Evaluations evaluations = replays ? Evaluations.replayed(replay, first.inputs)
                : Evaluations.recorded(x, (shifted, out) -> {
                    Recording r = Recording.of(function, shifted);
                    Replay.of(r.output).copyOutputInto(out);
                });
        return compare(evaluations, x, first.output.shape(), centre, again, analytic, analyticAgain);
    }

    /**
     * Checks second derivatives, as PyTorch's {@code gradgradcheck} does: the first derivative,
     * recorded as a graph by {@link org.chainrule.graph.Graph#gradients(Node, Node, List)}, is
     * itself gradient-checked. The function checked is
     * {@code h(x, u) = u . df/dx} (every input's gradient, flattened into one row), where the
     * seed {@code u}, of the output's shape, is drawn from {@link #seed()} and checked as an input
     * too; its values are the graph rules' first derivatives, and its gradient is their
     * derivative. So it catches a graph rule whose values are right but whose dependence is
     * wrong: one that reads its saved output as a constant gets the first derivative right and
     * the second wrong. The settings (tolerances, step, fast mode) are this checker's; the
     * localisation walks the first derivative's graph, whose nodes a graph rule recorded say
     * which forward node's rule recorded them.
     *
     * @param function records {@code f} in a fresh graph, from one parameter node per input.
     * @param inputs the point to check at. Not modified.
     * @return the result of checking {@code h}; its inputs are {@code inputs} and then {@code u}.
     * @throws IllegalArgumentException if there are no inputs.
     * @throws org.chainrule.core.ChainruleException if an argument is null, recording throws one,
     *     or an operation on the way has no graph rule (naming it).
     */
    public GradientCheckResult checkSecondOrder(GraphFunction function, Tensor... inputs) {
        ChainruleException.requireNonNull(function, "second-order check: the function");
        List<Tensor> x = requireInputs(inputs);
        GradientCheckResult result = checkSecondOrderWithoutSearch(function, inputs);
        if (result.passed() || result.inputChecks().isEmpty() && result.direction().isEmpty()) {
            return result;
        }
        try {
            return result.withLocalisation(Localisation.ofSecondOrder(function, x, this));
        } catch (RuntimeException e) {
            return result;
        }
    }

    /** {@link #checkSecondOrder} without the search for the faulty graph rule, for that search's own checks. */
    GradientCheckResult checkSecondOrderWithoutSearch(GraphFunction function, Tensor... inputs) {
        ChainruleException.requireNonNull(function, "second-order check: the function");
        List<Tensor> x = requireInputs(inputs);
        Shape out = Recording.of(function, x).output.shape();
        List<Tensor> all = new ArrayList<>(x);
        all.add(Tensor.normal(out.rows(), out.cols(), 1.0, new Random(seed ^ 0x5EC0DL)));
        return checkWithoutSearch(firstDerivative(function, x.size()), all);
    }

    /**
     * {@code h(x, u) = u . df/dx}, every input's gradient flattened into one row: the first
     * derivative of {@code function}, recorded as a graph, with the seed as its last input.
     */
    private static GraphFunction firstDerivative(GraphFunction function, int n) {
        return (graph, nodes) -> {
            Node output = function.build(graph, Arrays.copyOf(nodes, n));
            List<Node> gradients = graph.gradients(output, nodes[n], Arrays.asList(Arrays.copyOf(nodes, n)));
            Node[] rows = new Node[n];
            for (int k = 0; k < n; k++) {
                Node g = gradients.get(k);
                rows[k] = g.reshape(1, g.shape().size());
            }
            return n == 1 ? rows[0] : rows[0].concatColumns(Arrays.copyOfRange(rows, 1, n));
        };
    }

    /**
     * Checks second derivatives and throws if the check fails:
     * {@code checkSecondOrder(function, inputs).assertPassed()}.
     *
     * @param function records {@code f} in a fresh graph, from one parameter node per input.
     * @param inputs the point to check at. Not modified.
     * @return the passing result.
     * @throws AssertionError with the report, if the check fails.
     */
    public GradientCheckResult assertSecondOrder(GraphFunction function, Tensor... inputs) {
        return checkSecondOrder(function, inputs).assertPassed();
    }

    /**
     * Checks, and throws if the check fails: {@code check(function, inputs).assertPassed()}.
     *
     * @param function records {@code f} in a fresh graph, from one parameter node per input.
     * @param inputs the point to check at. Not modified.
     * @return the passing result, for example to look at its kinks.
     * @throws AssertionError with a readable report (verdict, faulty operation, worst elements,
     *     seed), if the check fails.
     */
    public GradientCheckResult assertGradients(GraphFunction function, Tensor... inputs) {
        return check(function, inputs).assertPassed();
    }

    /**
     * Checks one operation directly: draws inputs of the given shapes from {@link #seed()},
     * uniformly in the {@linkplain #withInputRange input range} and at least
     * {@link OperationCase#KINK_CLEARANCE} away from any kink the operation declares
     * ({@link Operation#distanceToKink}), records the operation alone and checks its whole
     * Jacobian with respect to every input, so every input's VJP is checked against every
     * output element.
     *
     * @param operation the operation, built-in or a user's own.
     * @param shapes one shape per input.
     * @return the result; its inputs are the drawn tensors.
     * @throws org.chainrule.core.ShapeMismatchException if the shapes do not fit the operation.
     * @throws ChainruleException if the operation or a shape is null, or a hundred draws in a row
     *     fell near a kink.
     * @throws IllegalArgumentException if no shape is given.
     */
    public GradientCheckResult checkOperation(Operation operation, Shape... shapes) {
        ChainruleException.requireNonNull(shapes, "checkOperation: the array of shapes");
        return checkOperation(operation, Arrays.asList(shapes));
    }

    /**
     * {@link #checkOperation(Operation, Shape...)} taking the shapes as a list, as a property
     * test's generator produces them:
     * <pre>{@code
     * qt().forAll(shapes, longs().all()).checkAssert((shape, seed) ->
     *         GradientCheck.defaults().withSeed(seed).checkOperation(op, List.of(shape)).assertPassed());
     * }</pre>
     *
     * @param operation the operation.
     * @param shapes one shape per input.
     * @return the result.
     * @throws org.chainrule.core.ShapeMismatchException if the shapes do not fit the operation.
     * @throws IllegalArgumentException if no shape is given.
     */
    public GradientCheckResult checkOperation(Operation operation, List<Shape> shapes) {
        ChainruleException.requireNonNull(operation, "checkOperation: the operation");
        ChainruleException.requireNonNull(shapes, "checkOperation: the list of shapes");
        if (shapes.isEmpty()) {
            throw new IllegalArgumentException("checkOperation: no shapes given; pass one shape per input of "
                    + operation.name());
        }
        for (int i = 0; i < shapes.size(); i++) {
            ChainruleException.requireNonNull(shapes.get(i), "checkOperation: shape " + i);
        }
        Function<Node[], Node> record = x -> x[0].graph().apply(operation, x);
        OperationCase operationCase = new OperationCase(operation.name(), draw -> {
            List<Tensor> inputs = new ArrayList<>(shapes.size());
            for (Shape shape : shapes) {
                inputs.add(draw.matrix(shape.rows(), shape.cols(), inputLow, inputHigh));
            }
            return OperationExample.draw(draw, operation.name(), record, inputs);
        });
        OperationExample example = operationCase.draw(Draw.from(new Random(seed), LARGEST_DRAWN_DIMENSION));
        return check((graph, x) -> graph.apply(operation, x), example.checkInputs());
    }

    /**
     * {@link #checkOperation(Operation, Shape...)} for an element-wise operation, at a shape
     * drawn from the seed (each dimension 1 to 6).
     *
     * @param operation the operation.
     * @return the result.
     */
    public GradientCheckResult checkOperation(ElementwiseOperation operation) {
        Random random = new Random(seed);
        Shape shape = new Shape(1 + random.nextInt(LARGEST_DRAWN_DIMENSION), 1 + random.nextInt(LARGEST_DRAWN_DIMENSION));
        return withSeed(random.nextLong()).checkOperation(operation, shape);
    }

    /**
     * The general check: compares <em>any</em> analytic gradient with the finite differences
     * of a scalar value function, whatever computes them (another engine, a hand-derived formula).
     *
     * @param value computes {@code f(x)} from the inputs; called {@code 2 + 2n} times for
     *     {@code n} input elements (4 times in fast mode).
     * @param gradient computes {@code df/dx}, one tensor per input shaped like it; called
     *     twice, to verify that it is deterministic.
     * @param inputs the point to check at. Not modified.
     * @return the result (with no localisation: there is no graph to search).
     * @throws IllegalArgumentException if there are no inputs.
     * @throws org.chainrule.core.ChainruleException if a function, the inputs or an input is null.
     */
    public GradientCheckResult compare(ToDoubleFunction<List<Tensor>> value, Function<List<Tensor>, List<Tensor>> gradient,
                                       Tensor... inputs) {
        ChainruleException.requireNonNull(value, "gradient check: the value function");
        ChainruleException.requireNonNull(gradient, "gradient check: the gradient function");
        List<Tensor> x = requireInputs(inputs);
        double[] centre = {value.applyAsDouble(x)};
        double[] again = {value.applyAsDouble(x)};
        List<Tensor> analytic = gradient.apply(x);
        List<Tensor> analyticAgain = gradient.apply(x);
        return compare(Evaluations.recorded(x, (shifted, out) -> out[0] = value.applyAsDouble(shifted)), x,
                new Shape(1, 1), centre, again, analytic, analyticAgain);
    }

    private static List<Tensor> requireInputs(Tensor[] inputs) {
        ChainruleException.requireNonNull(inputs, "gradient check: the array of inputs");
        for (int i = 0; i < inputs.length; i++) {
            ChainruleException.requireNonNull(inputs[i], "gradient check: input x" + i);
        }
        if (inputs.length == 0) {
            throw new IllegalArgumentException("gradient check: no inputs given; pass the tensors to differentiate by");
        }
        return List.of(inputs);
    }

    /**
     * The comparison both checks share: the output's and the gradients' sanity, then every
     * Jacobian entry (or fast mode's one projection) against its central difference.
     */
    private GradientCheckResult compare(Evaluations f, List<Tensor> x, Shape outputShape, double[] centre,
                                        double[] again, List<Tensor> analytic, List<Tensor> analyticAgain) {
        List<String> problems = new ArrayList<>();
        Tensor output = Tensor.adopt(DMatrixRMaj.wrap(outputShape.rows(), outputShape.cols(), centre.clone()));
        boolean scalar = centre.length == 1;
        if (!output.isFinite()) {
            problems.add(scalar ? "the output f(x) = " + centre[0] + " is not finite"
                    : "the output f(x) has NaN or infinite entries: " + output);
        }
        if (!bitsEqual(centre, again)) {
            problems.add("the value is not deterministic: f(x) gave "
                    + (scalar ? centre[0] + " and then " + again[0] : output + " and then "
                    + Tensor.adopt(DMatrixRMaj.wrap(outputShape.rows(), outputShape.cols(), again)))
                    + " on identical input");
        }
        if (!gradientsFit(x, centre.length, analytic, problems) || !gradientsFit(x, centre.length, analyticAgain, problems)) {
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
            DirectionCheck direction = checkDirection(f, x, outputShape, centre, analytic);
            return new GradientCheckResult(this, x, output, List.of(), direction, problems);
        }
        List<InputCheck> checks = new ArrayList<>(x.size());
        for (int i = 0; i < x.size(); i++) {
            checks.add(checkInput(f, x, outputShape, centre, i, analytic.get(i)));
        }
        return new GradientCheckResult(this, x, output, checks, null, problems);
    }

    private static boolean bitsEqual(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            if (Double.doubleToLongBits(a[i]) != Double.doubleToLongBits(b[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean gradientsFit(List<Tensor> x, int outputs, List<Tensor> gradients, List<String> problems) {
        if (gradients == null || gradients.size() != x.size()) {
            problems.add("the gradient function returned " + (gradients == null ? "null" : gradients.size() + " tensors")
                    + " for " + x.size() + (x.size() == 1 ? " input" : " inputs"));
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            Tensor g = gradients.get(i);
            Shape expected = outputs == 1 ? x.get(i).shape() : new Shape(outputs, x.get(i).size());
            if (g == null || !g.shape().equals(expected)) {
                problems.add("the gradient of x" + i + " is " + (g == null ? "null" : g.shape().toString())
                        + " but x" + i + " is " + x.get(i).shape() + ": a gradient has its input's shape");
                return false;
            }
        }
        return true;
    }

    private InputCheck checkInput(Evaluations f, List<Tensor> x, Shape outputShape, double[] centre, int i,
                                  Tensor analytic) {
        Tensor xi = x.get(i);
        int n = xi.size();
        int cols = xi.cols();
        int m = centre.length;
        int outCols = outputShape.cols();
        double[] jacobian = analytic.matrixView().data;
        DMatrixRMaj numeric = m == 1 ? new DMatrixRMaj(xi.rows(), cols) : new DMatrixRMaj(m, n);
        double[] plus = new double[m];
        double[] minus = new double[m];
        ElementCheck worst = null;
        List<ElementCheck> failures = new ArrayList<>();
        List<ElementCheck> kinks = new ArrayList<>();
        for (int e = 0; e < n; e++) {
            f.shifted(i, e, step, plus);
            f.shifted(i, e, -step, minus);
            for (int r = 0; r < m; r++) {
                FiniteDifference d = FiniteDifference.of(jacobian[r * n + e], minus[r], centre[r], plus[r], this);
                numeric.data[r * n + e] = d.numeric;
                if (worst != null && d.toleranceRatio <= worst.toleranceRatio() && d.passed() && !d.kink) {
                    continue;   // most entries: nothing to record
                }
                ElementCheck element = ElementCheck.of(i, e / cols, e % cols, m == 1 ? -1 : r / outCols, m == 1 ? -1 : r % outCols, d);
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
        }
        f.finished(i);
        return new InputCheck(i, xi, analytic, Tensor.adopt(numeric), worst, failures, kinks);
    }

    private DirectionCheck checkDirection(Evaluations f, List<Tensor> x, Shape outputShape, double[] centre,
                                          List<Tensor> analytic) {
        Random random = new Random(seed);
        List<Tensor> direction = new ArrayList<>(x.size());
        for (Tensor xi : x) {
            direction.add(Tensor.normal(xi.rows(), xi.cols(), 1.0, random));
        }
        int m = centre.length;
        Tensor u = m == 1 ? Tensor.scalar(1) : Tensor.normal(outputShape.rows(), outputShape.cols(), 1.0, random);
        double slope = 0;
        for (int i = 0; i < x.size(); i++) {
            Tensor v = direction.get(i);
            double[] j = analytic.get(i).matrixView().data;
            int n = v.size();
            for (int e = 0; e < n; e++) {
                double projected = j[e];
                if (m > 1) {
                    projected = 0;
                    for (int r = 0; r < m; r++) {
                        projected += u.getFlat(r) * j[r * n + e];
                    }
                }
                slope += v.getFlat(e) * projected;
            }
        }
        double[] values = new double[m];
        f.along(-step, direction, values);
        double minus = project(u, values);
        f.along(step, direction, values);
        double plus = project(u, values);
        FiniteDifference d = FiniteDifference.of(slope, minus, project(u, centre), plus, this);
        return DirectionCheck.of(direction, u, d);
    }

    /** {@code u . y}; for a {@code 1x1} output, {@code y} itself (not multiplied by 1), so scalar checks stay bit-identical. */
    private static double project(Tensor u, double[] y) {
        if (y.length == 1) {
            return y[0];
        }
        double sum = 0;
        for (int r = 0; r < y.length; r++) {
            sum += u.getFlat(r) * y[r];
        }
        return sum;
    }

    /** E.g. {@code h = 1e-06, atol = 1e-05, rtol = 0.001, every element}. */
    @Override
    public String toString() {
        return "h = " + Tensor.format(step) + ", atol = " + Tensor.format(absoluteTolerance) + ", rtol = "
                + Tensor.format(relativeTolerance) + ", pass if |analytic - numeric| <= atol + rtol |numeric|, "
                + (fastMode ? "fast mode: one random direction, seed " + seed : "every element");
    }

    /** Equal when every setting is. */
    @Override
    public boolean equals(Object o) {
        return o instanceof GradientCheck c && c.step == step && c.absoluteTolerance == absoluteTolerance
                && c.relativeTolerance == relativeTolerance && c.fastMode == fastMode && c.seed == seed
                && c.recordEachEvaluation == recordEachEvaluation && c.inputLow == inputLow && c.inputHigh == inputHigh;
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(step, absoluteTolerance, relativeTolerance, fastMode, seed, recordEachEvaluation, inputLow,
                inputHigh);
    }
}
