package org.chainrule.graph;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.chainrule.core.Axis;
import org.chainrule.core.Shape;
import org.chainrule.core.Tensor;
import org.chainrule.graph.check.GradientCheck;
import org.chainrule.graph.check.GradientCheckResult;
import org.chainrule.graph.check.GraphFunction;
import org.chainrule.graph.ops.Divide;
import org.chainrule.graph.ops.LogSoftmax;
import org.chainrule.graph.ops.Sigmoid;
import org.chainrule.graph.ops.Softmax;
import org.chainrule.graph.ops.Tanh;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The second-order check ({@link GradientCheck#checkSecondOrder}, PyTorch's gradgradcheck)
 * passes the built-in graph rules, and catches the classic bug: a graph rule that reads its
 * saved output as a constant, whose first derivative is right and whose second is wrong,
 * planted in turn in sigmoid, tanh, softmax, logSoftmax and div.
 */
class SecondOrderCheckTest {
    private static final Tensor A = Tensor.of(new double[][] {{0.3, -1.2, 0.8}, {1.5, 0.1, -0.6}});
    private static final Tensor B = Tensor.of(new double[][] {{1.3, 0.7, 2.1}, {0.9, 1.8, 1.1}});
    private static final Tensor W = Tensor.of(new double[][] {{0.5, -0.3}, {0.2, 0.9}, {-0.7, 0.4}});

    /** The five operations whose rules read their output, each in a small network. */
    private static GraphFunction network(String name, Function<Operation, Operation> plant) {
        return switch (name) {
            case "sigmoid" -> (g, x) -> g.apply(plant.apply(Sigmoid.INSTANCE), x[0].matmul(x[1])).square().sum();
            case "tanh" -> (g, x) -> g.apply(plant.apply(Tanh.INSTANCE), x[0].matmul(x[1])).square().sum();
            case "softmax" -> (g, x) -> g.apply(plant.apply(new Softmax(Axis.EACH_ROW)), x[0].matmul(x[1]))
                    .square().sum();
            case "logSoftmax" -> (g, x) -> g.apply(plant.apply(new LogSoftmax(Axis.EACH_ROW)), x[0].matmul(x[1]))
                    .square().sum();
            case "div" -> (g, x) -> g.apply(plant.apply(Divide.INSTANCE), x[0].matmul(x[1]), x[0].matmul(x[1])
                    .square().add(g.constant(Tensor.scalar(1)))).sum();
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"sigmoid", "tanh", "softmax", "logSoftmax", "div"})
    void theBuiltInRulesPassFullAndFast(String name) {
        GraphFunction f = network(name, op -> op);
        GradientCheck.defaults().assertSecondOrder(f, A, W);
        GradientCheck.defaults().withFastMode(7).assertSecondOrder(f, A, W);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sigmoid", "tanh", "softmax", "logSoftmax", "div"})
    void aRuleThatReadsItsOutputAsAConstantIsCaught(String name) {
        GraphFunction planted = network(name, OutputAsConstant::new);
        assertTrue(GradientCheck.defaults().check(planted, A, W).passed(), "the first derivative is right");
        GradientCheckResult second = GradientCheck.defaults().checkSecondOrder(planted, A, W);
        assertFalse(second.passed(), name + ": the second-order check passed a rule that reads its output as a"
                + " constant");
        assertFalse(GradientCheck.defaults().withFastMode(7).checkSecondOrder(planted, A, W).passed(), "fast mode");
        String report = second.report();
        String op = name.equals("div") ? "divide" : name;
        assertTrue(report.matches("(?s).*faulty operation: #\\d+ " + op + "\\S* \\(" + op + "\\S*, its graph rule \\(the"
                + " second derivative\\)\\): the VJP for input 0.*"), report);
    }

    @Test
    void aFunctionOfTwoInputsIsCheckedInBoth() {
        GradientCheck.defaults().assertSecondOrder((g, x) -> x[0].mul(x[1]).exp().sum().log(), A, B);
    }

    /** An operation as another, but whose graph rule reads the output through a constant of its value. */
    private static final class OutputAsConstant implements Operation {
        private final Operation inner;

        OutputAsConstant(Operation inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public Shape outputShape(List<Shape> inputs) {
            return inner.outputShape(inputs);
        }

        @Override
        public void forward(DMatrixRMaj[] inputs, DMatrixRMaj out) {
            inner.forward(inputs, out);
        }

        @Override
        public void vjp(int input, DMatrixRMaj[] inputs, DMatrixRMaj output, DMatrixRMaj g, DMatrixRMaj gradient) {
            inner.vjp(input, inputs, output, g, gradient);
        }

        @Override
        public boolean broadcastsInputs() {
            return inner.broadcastsInputs();
        }

        @Override
        public boolean hasVjpGraph() {
            return true;
        }

        @Override
        public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
            return inner.vjpGraph(input, inputs, output.graph().constant(output.value()), g);
        }
    }
}
