package org.chainrule.nn.ops;

import java.util.List;
import org.chainrule.graph.check.OperationCase;
import org.chainrule.testing.Generators;
import org.chainrule.testing.GradientAssertions;
import org.chainrule.testing.OperationContract;
import org.chainrule.testing.Theories;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation nn lists ({@link NnOperations#cases()}) passes the gradient check on random
 * shapes and values, read out through random weights, and honours the buffer rules of the
 * operation contract (forward and vjp write every element of a stale buffer; a vjp told to
 * add adds exactly what it would write). That these properties can fail is shown for the
 * losses in {@code LossGradientProperties} and for the rules in graph's own tests.
 */
class NnOperationProperties {
    static List<OperationCase> cases() {
        return NnOperations.cases();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void passesTheGradientCheckAndHonoursTheBufferRules(OperationCase operation) {
        GradientAssertions.assertOperationPasses(operation);
    }

    /** Its second derivatives are right. */
    @ParameterizedTest
    @MethodSource("cases")
    void passesTheSecondOrderCheck(OperationCase operation) {
        GradientAssertions.assertSecondOrderPasses(operation);
    }

    /** Its graph rule gives the buffer rule's values, and records only operations with graph rules of their own. */
    @ParameterizedTest
    @MethodSource("cases")
    void itsGraphRuleAgreesWithItsBufferRule(OperationCase operation) {
        Theories.qt(50).forAll(Generators.examples(operation)).checkAssert(OperationContract::assertGraphRuleAgrees);
    }
}
