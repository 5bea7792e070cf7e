package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chainrule.graph.ElementwiseOperation;
import org.chainrule.graph.Operation;
import org.chainrule.graph.check.OperationCase;
import org.chainrule.testing.GradientAssertions;
import org.junit.jupiter.api.Test;

/** The user's operation passes Chainrule's gradient check on random shapes and values; a wrong one does not. */
class SoftsignTest {

    @Test
    void softsignPassesTheGradientCheck() {
        GradientAssertions.assertOperationPasses(
                OperationCase.unary("softsign", x -> x.graph().apply(Softsign.OPERATION, x), -3, 3));
    }

    @Test
    void aWrongDerivativeIsCaught() {
        Operation wrong = ElementwiseOperation.of("softsign (derivative without the square)",
                x -> x / (1 + Math.abs(x)), (x, y) -> 1 / (1 + Math.abs(x)));
        AssertionError failure = assertThrows(AssertionError.class, () -> GradientAssertions.assertOperationPasses(
                OperationCase.unary(wrong.name(), x -> x.graph().apply(wrong, x), -3, 3)));
        assertTrue(failure.getMessage().contains("Seed was"), failure.getMessage());
    }
}
