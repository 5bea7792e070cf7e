package org.chainrule.graph;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.chainrule.graph.check.OperationCase;
import org.chainrule.graph.check.OperationExample;
import org.chainrule.graph.check.GraphOperations;
import org.chainrule.testing.Generators;
import org.chainrule.testing.GradientAssertions;
import org.chainrule.testing.OperationContract;
import org.chainrule.testing.Theories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.quicktheories.core.Gen;


/**
 * Every operation graph lists ({@link GraphOperations#cases()}) passes the gradient check on
 * random shapes (1..8, including {@code 1x1}, rows and columns) and random values, read out
 * through random weights, and honours the buffer rules of {@link Operation}'s contract. And
 * the property can fail: an operation whose derivative is off by one percent is caught.
 */
class OperationProperties {
    private static final int EXAMPLES = 200;

    static List<OperationCase> cases() {
        return GraphOperations.cases();
    }

    static void assertEveryExamplePasses(Gen<OperationExample> examples) {
        GradientAssertions.assertEveryExamplePasses(examples, EXAMPLES);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void passesTheGradientCheck(OperationCase operation) {
        assertEveryExamplePasses(Generators.examples(operation));
    }

    /** The cases whose operations have graph rules: all but the user's {@code BinaryElementwiseOperation}, first-order only. */
    static List<OperationCase> casesWithGraphRules() {
        return cases().stream().filter(c -> !c.name().contains("BinaryElementwiseOperation")).toList();
    }

    /** Its second derivatives are right: the graph rule, differentiated, against finite differences of the first derivative. */
    @ParameterizedTest
    @MethodSource("casesWithGraphRules")
    void passesTheSecondOrderCheck(OperationCase operation) {
        GradientAssertions.assertSecondOrderPasses(operation);
    }

    /**
     * The engine hands forward and vjp buffers holding stale values, so both must write every
     * element, and a vjp must read none of its buffer (it gives the same over NaN, zeros and
     * other values).
     */
    @ParameterizedTest
    @MethodSource("cases")
    void honoursTheBufferRules(OperationCase operation) {
        Theories.qt(50).forAll(Generators.examples(operation)).checkAssert(OperationContract::assertHonouredBy);
    }

    @Test
    void aDerivativeOffByOnePercentIsCaughtWithItsSeedAndCounterexample() {
        // Tanh with a derivative one percent too large: da = 1.01 dt (1 - t^2).
        Operation broken = ElementwiseOperation.of("tanh (derivative 1% off)", Math::tanh, (a, t) -> 1.01 * (1 - t * t));
        Gen<OperationExample> examples = Generators.examples(broken.name(), x -> x[0].graph().apply(broken, x[0]),
                Generators.sameShape(1));
        AssertionError failure = assertThrows(AssertionError.class, () -> assertEveryExamplePasses(examples));
        String report = failure.getMessage();
        assertTrue(report.contains("Property falsified"), report);
        assertTrue(report.contains("tanh (derivative 1% off) at x0 = "), report);
        assertTrue(report.contains("gradient check FAILED"), report);
        assertTrue(report.contains("Seed was " + Theories.seed()), report);
        assertTrue(report.contains("mvn -B verify -Dchainrule.seed=" + Theories.seed()), report);
    }
}
