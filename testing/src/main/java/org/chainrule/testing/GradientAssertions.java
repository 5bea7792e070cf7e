package org.chainrule.testing;

import org.chainrule.core.Tensor;
import org.chainrule.graph.check.GradientCheck;
import org.chainrule.graph.check.GradientCheckResult;
import org.chainrule.graph.check.GraphFunction;
import org.chainrule.graph.check.OperationCase;
import org.chainrule.graph.check.OperationExample;
import org.opentest4j.AssertionFailedError;
import org.quicktheories.core.Gen;

/**
 * JUnit 5 assertions for gradients. Each runs {@link GradientCheck} and, when the check fails,
 * throws an {@link AssertionFailedError} whose message is the checker's report (the verdict,
 * the faulty operation, the worst elements, analytic against numeric, and the seed that
 * reproduces the check), so a failing test reads as the reason it failed. The property forms run over QuickTheories examples with the fixed seed of
 * {@link Theories}, and a falsified property reports its smallest counterexample, the seed and
 * the command that reruns it.
 *
 * <pre>{@code
 * GradientAssertions.assertGradients((g, x) -> x[0].matmul(x[1]).tanh().sum(), a, b);
 * GradientAssertions.assertOperationPasses(OperationCase.unary("softplus", x -> x.graph().apply(softplus, x), -3, 3));
 * }</pre>
 */
public final class GradientAssertions {
    /** How many random examples {@link #assertOperationPasses(OperationCase)} tries. */
    public static final int EXAMPLES = 200;
    /** How many random examples {@link #assertSecondOrderPasses(OperationCase)} tries in fast mode. */
    public static final int SECOND_ORDER_EXAMPLES = 25;

    private GradientAssertions() {
    }

    /**
     * Asserts that {@code function}'s gradients at {@code inputs} agree with central finite
     * differences, with {@link GradientCheck#defaults()}.
     *
     * @param function records the function in a fresh graph, from one parameter node per input.
     * @param inputs the point to check at. Not modified.
     * @return the passing result, for example to look at its kinks.
     * @throws AssertionFailedError with the checker's report, if the check fails.
     */
    public static GradientCheckResult assertGradients(GraphFunction function, Tensor... inputs) {
        return assertGradients(GradientCheck.defaults(), function, inputs);
    }

    /**
     * Asserts that {@code function}'s gradients at {@code inputs} pass {@code check}.
     *
     * @param check the checker's settings (tolerances, step, fast mode).
     * @param function records the function in a fresh graph, from one parameter node per input.
     * @param inputs the point to check at. Not modified.
     * @return the passing result.
     * @throws AssertionFailedError with the checker's report, if the check fails.
     */
    public static GradientCheckResult assertGradients(GradientCheck check, GraphFunction function, Tensor... inputs) {
        GradientCheckResult result = check.check(function, inputs);
        if (!result.passed()) {
            throw new AssertionFailedError(result.report());
        }
        return result;
    }

    /**
     * Asserts, as a property over {@code count} generated examples, that every example passes
     * the default gradient check.
     *
     * @param examples the examples, for example {@link Generators#examples(OperationCase)}.
     * @param count how many examples to try.
     * @throws AssertionError with the smallest counterexample, the report, the seed and the
     *     command that reruns it, if an example fails.
     */
    public static void assertEveryExamplePasses(Gen<OperationExample> examples, int count) {
        Theories.qt(count).forAll(examples).checkAssert(example -> assertGradients(example, example.checkInputs()));
    }

    /**
     * Asserts that an operation's second derivatives are right
     * ({@link GradientCheck#checkSecondOrder}, PyTorch's gradgradcheck): in fast mode on
     * {@value #SECOND_ORDER_EXAMPLES} random shapes and values, and on the whole Jacobian at one
     * drawn example. The operation needs a graph rule ({@code Operation.vjpGraph}).
     *
     * @param operation the operation's case.
     * @throws AssertionError with the smallest counterexample, the report naming the operation
     *     whose graph rule is wrong, and the seed, if it fails.
     */
    public static void assertSecondOrderPasses(OperationCase operation) {
        Theories.qt(SECOND_ORDER_EXAMPLES).forAll(Generators.examples(operation)).checkAssert(example ->
                assertSecondOrder(GradientCheck.defaults().withFastMode(Theories.seed()), example));
        Theories.qt(1).forAll(Generators.examples(operation)).checkAssert(example ->
                assertSecondOrder(GradientCheck.defaults(), example));
    }

    /** One example's second-order check, its report as the failure's message. */
    private static void assertSecondOrder(GradientCheck check, OperationExample example) {
        GradientCheckResult result = check.checkSecondOrder(example, example.checkInputs());
        if (!result.passed()) {
            throw new AssertionFailedError(result.report());
        }
    }

    /**
     * Asserts that an operation passes the gradient check on {@value #EXAMPLES} random shapes
     * and values, read out through random weights, and honours the buffer rules of the
     * operation contract ({@link OperationContract}).
     *
     * @param operation the operation's case: how to record it, and where its inputs are drawn.
     * @throws AssertionError with the smallest counterexample and the seed, if it fails.
     */
    public static void assertOperationPasses(OperationCase operation) {
        assertEveryExamplePasses(Generators.examples(operation), EXAMPLES);
        Theories.qt(EXAMPLES / 4).forAll(Generators.examples(operation)).checkAssert(OperationContract::assertHonouredBy);
    }
}
