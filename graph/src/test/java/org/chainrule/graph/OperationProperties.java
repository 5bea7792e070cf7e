package org.chainrule.graph;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.chainrule.core.Axis;
import org.chainrule.core.Tensor;
import org.chainrule.graph.check.GradientCheck;
import org.chainrule.graph.testing.Generators;
import org.chainrule.graph.testing.OperationExample;
import org.chainrule.graph.testing.Theories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.quicktheories.core.Gen;

/**
 * Every primitive and support operation passes the gradient check on random shapes (1..8,
 * including {@code 1x1}, rows and columns) and random values in {@code [-3, 3]} (log: in
 * {@code [0.1, 3]}), read out through random weights. And the property can fail: an operation
 * whose derivative is off by one percent is caught.
 */
class OperationProperties {
    private static final int EXAMPLES = 200;

    /** Each operation under test, with the inputs it is checked on. */
    enum Case {
        MATMUL(x -> x[0].matmul(x[1]), Generators.matmulPairs().map(p -> List.of(p.left(), p.right()))),
        ADD(x -> x[0].add(x[1]), Generators.sameShape(2)),
        SIGMOID(x -> x[0].sigmoid(), Generators.sameShape(1)),
        TANH(x -> x[0].tanh(), Generators.sameShape(1)),
        RELU(x -> x[0].relu(), Generators.sameShape(1)),
        SOFTMAX_EACH_ROW(x -> x[0].softmax(Axis.EACH_ROW), Generators.sameShape(1)),
        SOFTMAX_EACH_COLUMN(x -> x[0].softmax(Axis.EACH_COLUMN), Generators.sameShape(1)),
        LOG(x -> x[0].log(), Generators.sameShape(1, 0.1, 3)),
        EXP(x -> x[0].exp(), Generators.sameShape(1)),
        MUL(x -> x[0].mul(x[1]), Generators.sameShape(2)),
        MUL_SQUARE(x -> x[0].mul(x[0]), Generators.sameShape(1)),
        SCALE(x -> x[0].scale(-1.75), Generators.sameShape(1)),
        NEG(x -> x[0].neg(), Generators.sameShape(1)),
        SUB(x -> x[0].sub(x[1]), Generators.sameShape(2)),
        SUM(x -> x[0].sum(), Generators.sameShape(1)),
        SUM_EACH_ROW(x -> x[0].sum(Axis.EACH_ROW), Generators.sameShape(1)),
        SUM_EACH_COLUMN(x -> x[0].sum(Axis.EACH_COLUMN), Generators.sameShape(1)),
        MEAN(x -> x[0].mean(), Generators.sameShape(1)),
        MEAN_EACH_ROW(x -> x[0].mean(Axis.EACH_ROW), Generators.sameShape(1)),
        MEAN_EACH_COLUMN(x -> x[0].mean(Axis.EACH_COLUMN), Generators.sameShape(1));

        final Gen<OperationExample> examples;

        Case(Function<Node[], Node> operation, Gen<List<Tensor>> inputs) {
            this.examples = OperationExample.of(name().toLowerCase(Locale.ROOT), operation, inputs);
        }
    }

    static void assertEveryExamplePasses(Gen<OperationExample> examples) {
        Theories.qt(EXAMPLES).forAll(examples)
                .checkAssert(example -> GradientCheck.defaults().check(example, example.checkInputs()).assertPassed());
    }

    @ParameterizedTest
    @EnumSource(Case.class)
    void passesTheGradientCheck(Case operation) {
        assertEveryExamplePasses(operation.examples);
    }

    /**
     * The contract's buffers, for every operation each case records: the engine hands forward
     * and vjp buffers holding stale values (here NaN), so both must write every element; and
     * a vjp told to add must add exactly what it would write.
     */
    @ParameterizedTest
    @EnumSource(Case.class)
    void forwardAndVjpWriteEveryElementAndAddExactly(Case operation) {
        Theories.qt(50).forAll(operation.examples).checkAssert(example -> {
            Graph g = new Graph();
            Tensor[] x = example.checkInputs();
            Node[] leaves = new Node[x.length];
            for (int i = 0; i < x.length; i++) {
                leaves[i] = g.input("x" + i, x[i]);
            }
            example.build(g, leaves);
            for (Node node : g.nodes()) {
                if (node.operation != null) {
                    ContractCheck.assertWritesEveryElementAndAdds(node.operation, node.inputValues, node.shape);
                }
            }
        });
    }

    @Test
    void aDerivativeOffByOnePercentIsCaughtWithItsSeedAndCounterexample() {
        // Tanh with a derivative one percent too large: da = 1.01 dt (1 - t^2).
        Operation broken = ElementwiseOperation.of("tanh (derivative 1% off)", Math::tanh, (a, t) -> 1.01 * (1 - t * t));
        Gen<OperationExample> examples = OperationExample.of(broken.name(), x -> x[0].graph().apply(broken, x[0]),
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
