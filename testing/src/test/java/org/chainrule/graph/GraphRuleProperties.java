package org.chainrule.graph;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.chainrule.core.Shape;
import org.chainrule.graph.check.GraphOperations;
import org.chainrule.graph.check.OperationCase;
import org.chainrule.testing.Generators;
import org.chainrule.testing.OperationContract;
import org.chainrule.testing.Theories;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation graph lists has two rules that agree
 * ({@link OperationContract#assertGraphRuleAgrees}): the graph rule, recorded as nodes, has the
 * value the buffer rule writes, for every operation a case records, on random shapes, values
 * and output gradients; and every operation a graph rule records has a graph rule of its own
 * (the closure), so derivatives of any order can be taken.
 */
class GraphRuleProperties {
    private static final int EXAMPLES = 50;

    static Stream<OperationCase> cases() {
        return GraphOperations.cases().stream().filter(c -> !c.name().contains("BinaryElementwiseOperation"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void theGraphRuleGivesTheBufferRulesValues(OperationCase operation) {
        Theories.qt(EXAMPLES).forAll(Generators.examples(operation)).checkAssert(OperationContract::assertGraphRuleAgrees);
    }

    /**
     * The property can fail: a sigmoid whose graph rule reads its output as a constant has the
     * right value (so this check passes it), but an operation whose graph rule is off by one
     * percent is caught, naming it.
     */
    @Test
    void aGraphRuleOffByOnePercentIsCaught() {
        Operation broken = new NamedOperation("tanh (graph rule 1% off)", 1) {
            @Override
            public Shape outputShape(List<Shape> inputs) {
                return inputs.get(0);
            }

            @Override
            public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
                org.chainrule.graph.ops.Tanh.INSTANCE.forward(in, out);
            }

            @Override
            public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj out, DMatrixRMaj dOut, DMatrixRMaj gradient) {
                org.chainrule.graph.ops.Tanh.INSTANCE.vjp(input, in, out, dOut, gradient);
            }

            @Override
            public boolean hasVjpGraph() {
                return true;
            }

            @Override
            public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
                return g.sub(g.mul(output.square())).scale(1.01);
            }
        };
        OperationCase planted = OperationCase.unary(broken.name(), v -> v.graph().apply(broken, v), -3, 3);
        AssertionError failure = assertThrows(AssertionError.class, () -> Theories.qt(EXAMPLES)
                .forAll(Generators.examples(planted)).checkAssert(OperationContract::assertGraphRuleAgrees));
        assertTrue(failure.getMessage().contains("tanh (graph rule 1% off), input 0: element"), failure.getMessage());
    }
}
