package org.chainrule.graph.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
 * <p>{@link #assertPassed()} throws {@link AssertionError} with {@link #report()} as its
 * message, so a check fails a test in any framework; {@link #toString()} is the same report.
 */
public final class GradientCheckResult {
    /** How many failed elements and kinks the report lists per input. */
    private static final int ELEMENTS_LISTED = 5;

    private final GradientCheck settings;
    private final List<Tensor> inputs;
    private final double output;
    private final List<InputCheck> inputChecks;
    private final DirectionCheck direction;
    private final List<String> problems;

    GradientCheckResult(GradientCheck settings, List<Tensor> inputs, double output, List<InputCheck> inputChecks,
                        DirectionCheck direction, List<String> problems) {
        this.settings = Objects.requireNonNull(settings);
        this.inputs = List.copyOf(inputs);
        this.output = output;
        this.inputChecks = List.copyOf(inputChecks);
        this.direction = direction;
        this.problems = List.copyOf(problems);
    }

    /**
     * Whether the check passed: no problems, every element (or the direction) within tolerance.
     *
     * @return true if the gradient agrees with finite differences.
     */
    public boolean passed() {
        return problems.isEmpty() && inputChecks.stream().allMatch(InputCheck::passed)
                && (direction == null || direction.passed());
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
     * The function's value at the inputs.
     *
     * @return {@code f(x)}.
     */
    public double output() {
        return output;
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
     * A readable account of the check: the verdict and settings, the output, problems, and
     * for each input its value, the worst element, the failures and the kinks, with the
     * analytic and numeric gradients in full when the input failed.
     *
     * @return a multi-line report.
     */
    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append("gradient check ").append(passed() ? "passed" : "FAILED").append(" (").append(settings).append(")\n");
        sb.append("f(x) = ").append(Tensor.format(output)).append('\n');
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
        } else if (inputChecks.isEmpty()) {
            for (int i = 0; i < inputs.size(); i++) {
                sb.append("x").append(i).append(" = ").append(inputs.get(i)).append('\n');
            }
        }
        return sb.toString();
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
            sb.append("  ").append(label).append(' ');
            if (element.kink()) {
                sb.append(element.passed() ? "accepted " : "REJECTED ");
            }
            sb.append(element).append('\n');
        }
        if (shown < elements.size()) {
            sb.append("  ... and ").append(elements.size() - shown).append(" more ").append(label)
                    .append(label.equals("kink") ? "s" : "").append('\n');
        }
    }

    /** The same as {@link #report()}. */
    @Override
    public String toString() {
        return report();
    }
}
