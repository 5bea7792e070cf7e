package org.chainrule.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chainrule.core.Tensor;
import org.chainrule.graph.ElementwiseOperation;
import org.chainrule.graph.Operation;
import org.chainrule.graph.check.OperationCase;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The testing artifact's assertions pass what is right and fail, readably, on what is wrong. */
class AssertionsTest {
    private static final Operation SQUARE = ElementwiseOperation.of("square", x -> x * x, (x, y) -> 2 * x);
    private static final Operation WRONG_SQUARE = ElementwiseOperation.of("square (derivative x)", x -> x * x,
            (x, y) -> x);

    @Test
    void assertGradientsPassesAnExactGradientAndReturnsTheResult() {
        Tensor x = Tensor.row(0.5, -1.25, 2);
        assertTrue(GradientAssertions.assertGradients((g, in) -> g.apply(SQUARE, in[0]).sum(), x).passed());
    }

    @Test
    void assertGradientsFailsWithTheCheckersReport() {
        Tensor x = Tensor.row(0.5, -1.25, 2);
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> GradientAssertions.assertGradients((g, in) -> g.apply(WRONG_SQUARE, in[0]).sum(), x));
        assertTrue(failure.getMessage().contains("gradient check FAILED"), failure.getMessage());
    }

    @Test
    void assertOperationPassesAcceptsARightOperationAndRejectsAWrongOneWithItsSeed() {
        GradientAssertions.assertOperationPasses(OperationCase.unary("square", x -> x.graph().apply(SQUARE, x), -3, 3));
        AssertionError failure = assertThrows(AssertionError.class, () -> GradientAssertions.assertOperationPasses(
                OperationCase.unary(WRONG_SQUARE.name(), x -> x.graph().apply(WRONG_SQUARE, x), -3, 3)));
        assertTrue(failure.getMessage().contains("Seed was " + Theories.seed()), failure.getMessage());
    }

    @Test
    void tensorsEqualToATolerancePassAndOthersFailShowingBoth() {
        TensorAssertions.assertTensorEquals(new double[][] {{1, 2}}, Tensor.row(1, 2 + 1e-13), 1e-12);
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> TensorAssertions.assertTensorEquals(new double[][] {{1, 2}}, Tensor.row(1, 2.1), 1e-12));
        assertEquals(Tensor.row(1, 2).toString(), failure.getExpected().getStringRepresentation());
        assertEquals(Tensor.row(1, 2.1).toString(), failure.getActual().getStringRepresentation());
        assertThrows(AssertionFailedError.class,
                () -> TensorAssertions.assertTensorEquals(Tensor.row(1, 2), Tensor.column(1, 2), 1e-12));
    }
}
