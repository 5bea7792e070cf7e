package org.chainrule.graph.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;

/**
 * The outcome of a {@link GradientCheck}: an immutable value to inspect, print or assert.
 *
 * <p>An element-wise check has one {@link InputCheck} per input; a fast-mode check has one
 * {@link DirectionCheck} instead. {@link #problems()} lists what failed the check as a whole
 * rather than one element: a non-finite output, an evaluation that gave different results on
 * identical input (the value, or the gradient, which must be bit-for-bit reproducible), or
 * gradients of the wrong number or shape.
 *
 * <p>A failed check of a {@link GraphFunction} also says where the bug is: its
 * {@link #localisation()} names the faulty operation.
 *
 * <p>{@link #assertPassed()} throws {@link AssertionError} with {@link #report()} as its
 * message, so a check fails a test in any framework; {@link #toString()} is the same report.
 * A failure's report gives, in this order: the verdict, the faulty operation, the worst
 * elements, the seed to reproduce it, then the details.
 */
public final class GradientCheckResult {
    /** How many failed elements and kinks the report lists per input. */
    private static final int ELEMENTS_LISTED = 5;

    private final GradientCheck settings;
    private final List<Tensor> inputs;
    private final Tensor output;
    private final List<InputCheck> inputChecks;
    private final DirectionCheck direction;
    private final List<String> problems;
    private final Localisation localisation;

    GradientCheckResult(GradientCheck settings, List<Tensor> inputs, Tensor output, List<InputCheck> inputChecks,
                        DirectionCheck direction, List<String> problems) {
        this(settings, inputs, output, inputChecks, direction, problems, null);
    }

    private GradientCheckResult(GradientCheck settings, List<Tensor> inputs, Tensor output,
                                List<InputCheck> inputChecks, DirectionCheck direction, List<String> problems,
                                Localisation localisation) {
        this.settings = ChainruleException.requireNonNull(settings, "GradientCheckResult: settings");
        this.inputs = List.copyOf(inputs);
        this.output = ChainruleException.requireNonNull(output, "GradientCheckResult: output");
        this.inputChecks = List.copyOf(inputChecks);
        this.direction = direction;
        this.problems = List.copyOf(problems);
        this.localisation = localisation;
    }

    /** This result with the localisation of its failure. */
    GradientCheckResult withLocalisation(Localisation found) {
        return new GradientCheckResult(settings, inputs, output, inputChecks, direction, problems, found);
    }

    /**
     * Whether the check passed: no problems, every element (or the direction) within tolerance.
     *
     * @return true if the gradient agrees with finite differences.
     */
    public boolean passed() {
        for (InputCheck check : inputChecks) {
            if (!check.passed()) {
                return false;
            }
        }
        return problems.isEmpty() && (direction == null || direction.passed());
    }

    /**
     * The settings the check ran with.
     *
     * @return the settings.
     */
    public GradientCheck settings() {
        return settings;
    }

    /**
     * The point the function was checked at.
     *
     * @return the input tensors, unmodifiable.
     */
    public List<Tensor> inputs() {
        return inputs;
    }

    /**
     * The function's value at the inputs, for a {@code 1x1} output.
     *
     * @return {@code f(x)}.
     * @throws org.chainrule.core.ChainruleException if the output is not {@code 1x1}; use
     *     {@link #outputValue()}.
     */
    public double output() {
        return output.item();
    }

    /**
     * The function's value at the inputs, of any shape.
     *
     * @return {@code f(x)}.
     */
    public Tensor outputValue() {
        return output;
    }

    /**
     * Where the bug is, for a failed check of a {@link GraphFunction}.
     *
     * @return the localisation, or empty if the check passed, was not of a graph (the general
     *     {@link GradientCheck#compare}), or failed only as a whole (gradients of the wrong
     *     number or shape).
     */
    public Optional<Localisation> localisation() {
        return Optional.ofNullable(localisation);
    }

    /**
     * The element-wise checks, one per input.
     *
     * @return an unmodifiable list; empty in fast mode, and when a problem (wrong gradient
     *     count or shape) made element-wise comparison impossible.
     */
    public List<InputCheck> inputChecks() {
        return inputChecks;
    }

    /**
     * The fast mode's directional check.
     *
     * @return the check, or empty for an element-wise check.
     */
    public Optional<DirectionCheck> direction() {
        return Optional.ofNullable(direction);
    }

    /**
     * Failures of the check as a whole, each a sentence.
     *
     * @return an unmodifiable list, empty when there are none.
     */
    public List<String> problems() {
        return problems;
    }

    /**
     * Every element, of every input, where the function has a kink (its one-sided differences
     * disagree), whether or not the analytic value was accepted there.
     *
     * @return an unmodifiable list.
     */
    public List<ElementCheck> kinks() {
        List<ElementCheck> all = new ArrayList<>();
        for (InputCheck check : inputChecks) {
            all.addAll(check.kinks());
        }
        return List.copyOf(all);
    }

    /**
     * Throws if the check failed.
     *
     * @return this result, so a passing check can be inspected further.
     * @throws AssertionError with {@link #report()} as its message, if the check failed.
     */
    public GradientCheckResult assertPassed() {
        if (!passed()) {
            throw new AssertionError(report());
        }
        return this;
    }

    /**
     * A readable account of the check. A failure gives, in this order: the verdict and
     * settings, the faulty operation ({@link #localisation()}), the worst elements, the seed to
     * reproduce, then the output, problems, and for each input its value, the worst element,
     * the failures and the kinks, with the analytic and numeric gradients in full when the
     * input failed. A pass gives the verdict and the details.
     *
     * @return a multi-line report.
     */
    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append("gradient check ").append(passed() ? "passed" : "FAILED").append(" (").append(settings).append(")\n");
        if (!passed()) {
            if (localisation != null) {
                sb.append(localisation.report());
            }
            appendWorst(sb);
            sb.append("seed to reproduce: ").append(settings.seed())
                    .append(" (GradientCheck.withSeed: the random directions, readout weights and drawn inputs)\n");
        }
        sb.append("f(x) = ").append(output.size() == 1 ? Tensor.format(output.item()) : output.toString()).append('\n');
        for (String problem : problems) {
            sb.append("problem: ").append(problem).append('\n');
        }
        for (InputCheck check : inputChecks) {
            appendInput(sb, check);
        }
        if (direction != null) {
            sb.append(direction.passed() ? "passed " : "FAILED ").append(direction).append('\n');
            for (int i = 0; i < inputs.size(); i++) {
                sb.append("  x").append(i).append(" = ").append(inputs.get(i)).append('\n');
                sb.append("  v").append(i).append(" = ").append(direction.direction().get(i)).append('\n');
            }
            if (direction.outputDirection().size() > 1) {
                sb.append("  u = ").append(direction.outputDirection()).append('\n');
            }
        } else if (inputChecks.isEmpty()) {
            for (int i = 0; i < inputs.size(); i++) {
                sb.append("x").append(i).append(" = ").append(inputs.get(i)).append('\n');
            }
        }
        return sb.toString();
    }

    /** The worst failing elements over every input, worst first, at most {@link #ELEMENTS_LISTED}. */
    private void appendWorst(StringBuilder sb) {
        if (direction != null && !direction.passed()) {
            sb.append("worst: ").append(direction).append('\n');
        }
        List<ElementCheck> failed = new ArrayList<>();
        for (InputCheck check : inputChecks) {
            failed.addAll(check.failures());
        }
        if (failed.isEmpty()) {
            return;
        }
        failed.sort((a, b) -> Double.compare(b.toleranceRatio(), a.toleranceRatio()));
        sb.append("worst elements (").append(failed.size()).append(" failed):\n");
        appendSome(sb, "", failed);
    }

    private static void appendInput(StringBuilder sb, InputCheck check) {
        int n = check.value().size();
        sb.append("x").append(check.input()).append(' ');
        if (check.passed()) {
            sb.append("passed");
        } else {
            sb.append("FAILED at ").append(check.failures().size()).append(" of ").append(n)
                    .append(n == 1 ? " element" : " elements");
        }
        sb.append(": ").append(check.value()).append('\n');
        sb.append("  worst ").append(check.worst()).append('\n');
        if (!check.passed()) {
            sb.append("  analytic gradient ").append(check.analytic()).append('\n');
            sb.append("  numeric gradient  ").append(check.numeric()).append('\n');
            appendSome(sb, "failed", check.failures().stream().filter(e -> !e.kink()).toList());
        }
        appendSome(sb, "kink", check.kinks());
    }

    /** One line per element, at most {@link #ELEMENTS_LISTED} of them, then a count of the rest. */
    private static void appendSome(StringBuilder sb, String label, List<ElementCheck> elements) {
        int shown = Math.min(ELEMENTS_LISTED, elements.size());
        for (ElementCheck element : elements.subList(0, shown)) {
            sb.append("  ").append(label).append(label.isEmpty() ? "" : " ");
            if (element.kink()) {
                sb.append(element.passed() ? "accepted " : "REJECTED ");
            }
            sb.append(element).append('\n');
        }
        if (shown < elements.size()) {
            sb.append("  ... and ").append(elements.size() - shown).append(" more").append(label.isEmpty() ? "" : " ")
                    .append(label).append(label.equals("kink") ? "s" : "").append('\n');
        }
    }

    /** The same as {@link #report()}. */
    @Override
    public String toString() {
        return report();
    }
}
