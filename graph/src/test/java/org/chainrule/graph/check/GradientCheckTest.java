package org.chainrule.graph.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import org.chainrule.core.ShapeMismatchException;
import org.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

/** The checker itself: its rule, kinks, non-finite values, determinism, fast mode and reports. */
class GradientCheckTest {
    private static final GradientCheck CHECK = GradientCheck.defaults();

    /** {@code f(x) = 2 x} for a {@code 1x1} x, with any claimed derivative. */
    private static GradientCheckResult linearWithDerivative(double claimed) {
        return CHECK.compare(x -> 2 * x.get(0).item(), x -> List.of(Tensor.scalar(claimed)), Tensor.scalar(0.7));
    }

    @Test
    void defaultsAreThoseOfPyTorchsDoubleGradcheckAndWithersCopy() {
        assertEquals(1e-6, CHECK.step());
        assertEquals(1e-5, CHECK.absoluteTolerance());
        assertEquals(1e-3, CHECK.relativeTolerance());
        assertFalse(CHECK.isFastMode());
        GradientCheck loose = CHECK.withTolerance(1e-4, 1e-2).withStep(1e-5);
        assertEquals(1e-4, loose.absoluteTolerance());
        assertEquals(1e-2, loose.relativeTolerance());
        assertEquals(1e-5, loose.step());
        assertEquals(1e-6, CHECK.step(), "withers leave the original alone");
        assertEquals(CHECK, GradientCheck.defaults().withAbsoluteTolerance(1e-5).withRelativeTolerance(1e-3));
        assertEquals(CHECK, CHECK.withFastMode(3).withElementwiseMode().withSeed(0));
        assertNotEquals(CHECK, CHECK.withFastMode(3));
        assertEquals(1e-5 + 1e-3 * 4, CHECK.allowedError(-4), 1e-18);
        assertThrows(IllegalArgumentException.class, () -> CHECK.withStep(0));
        assertThrows(IllegalArgumentException.class, () -> CHECK.withStep(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> CHECK.withTolerance(-1e-5, 1e-3));
        assertThrows(IllegalArgumentException.class, () -> CHECK.withRelativeTolerance(Double.POSITIVE_INFINITY));
    }

    @Test
    void thePassRuleIsAbsolutePlusRelativeToleranceOfTheNumericDerivative() {
        double allowed = 1e-5 + 1e-3 * 2;
        assertTrue(linearWithDerivative(2 + 0.99 * allowed).passed());
        assertTrue(linearWithDerivative(2 - 0.99 * allowed).passed());
        assertFalse(linearWithDerivative(2 + 1.01 * allowed).passed());
        assertFalse(CHECK.withTolerance(1e-5, 0).compare(x -> 2 * x.get(0).item(),
                x -> List.of(Tensor.scalar(2 + 2e-5)), Tensor.scalar(0.7)).passed());
        assertTrue(CHECK.withTolerance(0.1, 0).compare(x -> 2 * x.get(0).item(),
                x -> List.of(Tensor.scalar(2.09)), Tensor.scalar(0.7)).passed());
    }

    @Test
    void aCorrectGraphPassesAndTheResultHoldsBothGradientsPerInput() {
        Tensor a = Tensor.of(new double[][] {{1, -2, 0.5}, {0.25, 3, -1}});
        Tensor b = Tensor.column(0.5, -1, 2);
        GradientCheckResult result = CHECK.assertGradients((g, x) -> x[0].matmul(x[1]).tanh().sum(), a, b);
        assertTrue(result.passed());
        assertTrue(result.problems().isEmpty());
        assertEquals(2, result.inputChecks().size());
        InputCheck first = result.inputChecks().get(0);
        assertEquals(0, first.input());
        assertEquals(a, first.value());
        assertEquals(a.shape(), first.analytic().shape());
        assertTrue(first.analytic().approxEquals(first.numeric(), 1e-8), first.analytic() + " vs " + first.numeric());
        assertEquals(b.shape(), result.inputChecks().get(1).numeric().shape());
        assertTrue(first.worst().toleranceRatio() < 1e-3, first.worst().toString());
        assertTrue(result.kinks().isEmpty());
        double[] rows = {Math.tanh(1 * 0.5 + 2 + 1), Math.tanh(0.125 - 3 - 2)};
        assertEquals(rows[0] + rows[1], result.output(), 1e-15);
        assertTrue(result.report().startsWith("gradient check passed (h = 1e-06, atol = 1e-05, rtol = 0.001"),
                result.report());
    }

    @Test
    void aWrongGradientFailsAndTheAssertionNamesTheWorstElementWithReadableTensors() {
        Tensor a = Tensor.row(0.5, -1, 2);
        // d/dx sum(x^3) = 3 x^2; claim 3 x^2 except 3.3 x^2 for the last element.
        GradientCheckResult result = CHECK.compare(
                x -> sumOfCubes(x.get(0)),
                x -> List.of(Tensor.row(0.75, 3, 13.2)), a);
        assertFalse(result.passed());
        InputCheck check = result.inputChecks().get(0);
        assertEquals(1, check.failures().size());
        ElementCheck worst = check.worst();
        assertEquals(0, worst.row());
        assertEquals(2, worst.col());
        assertEquals(13.2, worst.analytic());
        assertEquals(12, worst.numeric(), 1e-6);
        assertEquals(1.2, worst.absoluteError(), 1e-6);
        assertEquals(0.1, worst.relativeError(), 1e-6);
        assertFalse(worst.kink());
        AssertionError e = assertThrows(AssertionError.class, result::assertPassed);
        String report = e.getMessage();
        assertTrue(report.startsWith("gradient check FAILED"), report);
        assertTrue(report.contains("x0 FAILED at 1 of 3 elements: 1x3 [[0.5, -1, 2]]"), report);
        assertTrue(report.contains("worst x0[0, 2]: analytic 13.2, numeric 12, |error| 1.2"), report);
        assertTrue(report.contains("analytic gradient 1x3 [[0.75, 3, 13.2]]"), report);
        assertTrue(report.contains("numeric gradient  1x3 [[0.75, 3, 12]]"), report);
    }

    @Test
    void aLongListOfFailuresIsCutShort() {
        Tensor x = Tensor.uniform(3, 4, 0.5, 2, 5L);
        GradientCheckResult result = CHECK.compare(v -> sumOfCubes(v.get(0)), v -> List.of(Tensor.zeros(3, 4)), x);
        assertEquals(12, result.inputChecks().get(0).failures().size());
        String report = result.report();
        assertTrue(report.contains("x0 FAILED at 12 of 12 elements"), report);
        assertTrue(report.contains("  failed x0[0, 0]: analytic 0, numeric "), report);
        assertTrue(report.contains("  failed x0[1, 0]: analytic 0"), report);
        assertFalse(report.contains("  failed x0[1, 1]"), report);
        assertTrue(report.contains("  ... and 7 more failed"), report);
    }

    private static double sumOfCubes(Tensor x) {
        double s = 0;
        for (int i = 0; i < x.size(); i++) {
            s += Math.pow(x.getFlat(i), 3);
        }
        return s;
    }

    @Test
    void reluAtItsCornerIsAKinkNotAFailure() {
        // Numeric derivative at 0 is 0.5, analytic 0: accepted because 0 lies between the one-sided 0 and 1.
        GradientCheckResult result = CHECK.assertGradients((g, x) -> x[0].relu().sum(), Tensor.row(0, 1.5, -2));
        List<ElementCheck> kinks = result.kinks();
        assertEquals(1, kinks.size());
        ElementCheck kink = kinks.get(0);
        assertEquals(0, kink.col());
        assertEquals(0, kink.analytic());
        assertEquals(0.5, kink.numeric(), 1e-9);
        assertEquals(0, kink.left(), 1e-9);
        assertEquals(1, kink.right(), 1e-9);
        assertTrue(kink.kink() && kink.passed());
        assertTrue(result.report().contains("kink accepted x0[0, 0]: analytic 0, numeric 0.5"), result.report());
    }

    @Test
    void aKinkNeverHidesAnAnalyticValueOutsideTheOneSidedDifferences() {
        ToDoubleFunction<List<Tensor>> relu = x -> Math.max(0, x.get(0).item());
        for (double accepted : new double[] {0, 0.3, 0.5, 1}) {
            assertTrue(CHECK.compare(relu, x -> List.of(Tensor.scalar(accepted)), Tensor.scalar(0)).passed(),
                    "analytic " + accepted + " lies between 0 and 1");
        }
        for (double rejected : new double[] {-0.1, 1.1, 2}) {
            GradientCheckResult result = CHECK.compare(relu, x -> List.of(Tensor.scalar(rejected)), Tensor.scalar(0));
            assertFalse(result.passed(), "analytic " + rejected);
            assertTrue(result.report().contains("kink REJECTED x0[0, 0]"), result.report());
        }
        // Away from the corner there is no kink, and a wrong derivative fails as usual.
        GradientCheckResult away = CHECK.compare(relu, x -> List.of(Tensor.scalar(0.5)), Tensor.scalar(1));
        assertFalse(away.passed());
        assertTrue(away.kinks().isEmpty());
    }

    @Test
    void aStepThatCrossesACornerNearbyIsAKinkToo() {
        GradientCheckResult result = CHECK.check((g, x) -> x[0].relu().sum(), Tensor.scalar(3e-7));
        assertTrue(result.passed(), result.report());
        assertEquals(1, result.kinks().size());
        assertEquals(0.65, result.kinks().get(0).numeric(), 1e-6);
    }

    @Test
    void nonFiniteOutputOrGradientsFail() {
        GradientCheckResult logOfNegative = CHECK.check((g, x) -> x[0].log().sum(), Tensor.row(-1, 2));
        assertFalse(logOfNegative.passed());
        assertTrue(logOfNegative.problems().get(0).contains("f(x) = NaN is not finite"), logOfNegative.report());

        GradientCheckResult infiniteGradient = CHECK.compare(x -> 0.0,
                x -> List.of(Tensor.scalar(Double.POSITIVE_INFINITY)), Tensor.scalar(1));
        assertFalse(infiniteGradient.passed());
        assertTrue(infiniteGradient.problems().get(0).contains("NaN or infinite"), infiniteGradient.report());
        assertEquals(Double.POSITIVE_INFINITY, infiniteGradient.inputChecks().get(0).worst().toleranceRatio());

        // Finite at x, NaN a step away: the numeric gradient is NaN, which never passes.
        GradientCheckResult nanNearby = CHECK.compare(x -> x.get(0).item() == 1 ? 1 : Double.NaN,
                x -> List.of(Tensor.scalar(0)), Tensor.scalar(1));
        assertFalse(nanNearby.passed());
        assertTrue(Double.isNaN(nanNearby.inputChecks().get(0).worst().numeric()));
    }

    @Test
    void aGradientThatChangesBetweenIdenticalRunsFails() {
        AtomicInteger calls = new AtomicInteger();
        GradientCheckResult result = CHECK.compare(x -> 2 * x.get(0).item(),
                x -> List.of(Tensor.scalar(calls.getAndIncrement() == 0 ? 2 : Math.nextUp(2.0))), Tensor.scalar(1));
        assertFalse(result.passed());
        assertEquals(1, result.problems().size());
        assertTrue(result.problems().get(0).startsWith("the gradient is not deterministic"), result.report());
        assertTrue(result.inputChecks().get(0).passed(), "each run alone is within tolerance");

        AtomicInteger evaluations = new AtomicInteger();
        GradientCheckResult value = CHECK.compare(x -> evaluations.getAndIncrement() == 0 ? 1 : 1 + 1e-15,
                x -> List.of(Tensor.scalar(0)), Tensor.scalar(1));
        assertFalse(value.passed());
        assertTrue(value.problems().get(0).startsWith("the value is not deterministic"), value.report());
    }

    @Test
    void gradientsOfTheWrongNumberOrShapeFail() {
        Tensor x = Tensor.row(1, 2);
        GradientCheckResult tooFew = CHECK.compare(v -> 0, v -> List.of(), x);
        assertFalse(tooFew.passed());
        assertTrue(tooFew.problems().get(0).contains("returned 0 tensors for 1 input"), tooFew.report());
        assertTrue(tooFew.inputChecks().isEmpty());
        GradientCheckResult transposed = CHECK.compare(v -> 0, v -> List.of(Tensor.column(0, 0)), x);
        assertFalse(transposed.passed());
        assertTrue(transposed.problems().get(0).contains("the gradient of x0 is 2x1 but x0 is 1x2"), transposed.report());
        assertThrows(IllegalArgumentException.class, () -> CHECK.compare(v -> 0, v -> List.of()));
    }

    @Test
    void valueAndGradientNeedAScalarAndConstantsHaveZeroGradients() {
        GraphFunction rowOut = (g, x) -> x[0].tanh();
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> rowOut.value(List.of(Tensor.row(1, 2))));
        assertTrue(e.getMessage().contains("is 1x2, not 1x1"), e.getMessage());
        assertThrows(ShapeMismatchException.class, () -> rowOut.gradient(List.of(Tensor.row(1, 2))));
        GradientCheckResult constant = CHECK.assertGradients((g, x) -> g.constant(Tensor.scalar(4)), Tensor.row(1, 2));
        assertEquals(Tensor.zeros(1, 2), constant.inputChecks().get(0).analytic());
        GradientCheckResult unused = CHECK.assertGradients((g, x) -> x[1].exp().sum(), Tensor.row(1, 2), Tensor.scalar(0));
        assertEquals(Tensor.zeros(1, 2), unused.inputChecks().get(0).analytic());
        assertEquals(1, unused.inputChecks().get(1).analytic().item(), 1e-15);
    }

    @Test
    void fastModeComparesOneSeededDirectionalDerivative() {
        Tensor a = Tensor.uniform(6, 5, -2, 2, 11L);
        Tensor b = Tensor.uniform(5, 4, -2, 2, 12L);
        GraphFunction f = (g, x) -> x[0].matmul(x[1]).sigmoid().sum();
        GradientCheck fast = CHECK.withFastMode(99);
        GradientCheckResult result = fast.assertGradients(f, a, b);
        assertTrue(result.inputChecks().isEmpty());
        DirectionCheck direction = result.direction().orElseThrow();
        assertEquals(List.of(a.shape(), b.shape()), direction.direction().stream().map(Tensor::shape).toList());
        assertEquals(direction.direction(), fast.check(f, a, b).direction().orElseThrow().direction(),
                "the same seed gives the same direction");
        assertNotEquals(direction.direction(), CHECK.withFastMode(100).check(f, a, b).direction().orElseThrow().direction());
        List<Tensor> exact = f.gradient(List.of(a, b));
        double slope = 0;
        for (int i = 0; i < 2; i++) {
            for (int e = 0; e < exact.get(i).size(); e++) {
                slope += exact.get(i).getFlat(e) * direction.direction().get(i).getFlat(e);
            }
        }
        assertEquals(slope, direction.analytic(), 1e-12);

        // One element of thirty off by 1: caught along a random direction, though not located.
        GradientCheckResult wrong = fast.compare(f::value, x -> {
            List<Tensor> g = f.gradient(x);
            double[][] off = g.get(0).toArray();
            off[2][3] += 1;
            return List.of(Tensor.of(off), g.get(1));
        }, a, b);
        assertFalse(wrong.passed());
        assertTrue(wrong.report().contains("FAILED along v: analytic"), wrong.report());
        assertTrue(wrong.report().contains("v1 = 5x4 ["), wrong.report());
    }

    @Test
    void passingResultsAreReturnedForInspection() {
        GradientCheckResult result = linearWithDerivative(2);
        assertSame(result, result.assertPassed());
        assertEquals(result.report(), result.toString());
        assertEquals(CHECK, result.settings());
        assertEquals(List.of(Tensor.scalar(0.7)), result.inputs());
    }
}
