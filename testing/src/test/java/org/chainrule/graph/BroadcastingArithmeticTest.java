package org.chainrule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BinaryOperator;
import org.chainrule.core.Broadcast;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Shape;
import org.chainrule.core.ShapeMismatchException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.check.OperationExample;
import org.chainrule.graph.ops.Divide;
import org.chainrule.graph.ops.Extremum;
import org.chainrule.testing.TensorAssertions;
import org.chainrule.testing.BroadcastPair;
import org.chainrule.testing.Generators;
import org.chainrule.testing.Theories;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Divide, maximum, minimum and {@link BinaryElementwiseOperation}: forward values and both
 * gradients worked by hand in several broadcast forms, the tie rule of maximum and minimum
 * (the left operand takes the gradient) and their kink distances, the formulas, the error
 * messages, and a divide whose derivative is one percent off failing the gradient-check
 * property. (The gradient checks and buffer rules on random shapes come from
 * {@link OperationProperties}, which reads the cases listed in GraphOperations.)
 */
class BroadcastingArithmeticTest {

    /** The gradients of {@code sum(W * f(A, B))} with respect to both parameters, in a fresh graph. */
    private record Result(Tensor value, Tensor da, Tensor db) {
    }

    private static Result run(Tensor a, Tensor b, Tensor weights, BinaryOperator<Node> f) {
        Graph g = new Graph();
        Node x = g.parameter("a", a);
        Node y = g.parameter("b", b);
        Node out = f.apply(x, y);
        g.backward(out.mul(g.constant(weights)).sum());
        return new Result(out.value(), x.gradient(), y.gradient());
    }

    private static Tensor ones(Tensor like) {
        return Tensor.filled(like.rows(), like.cols(), 1);
    }

    private static void assertTensor(double[][] expected, Tensor actual) {
        TensorAssertions.assertTensorEquals(expected, actual, 1e-12);
    }

    // ---- divide ----

    @Test
    void divideByARowAndSumTheDenominatorsGradientOverRows() {
        Tensor a = Tensor.of(new double[][] {{1, -2}, {3, 4}});
        Tensor w = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        Result r = run(a, Tensor.row(2, 4), w, Node::div);
        assertTensor(new double[][] {{0.5, -0.5}, {1.5, 1}}, r.value());
        // dA = W / B; dB = column sums of -W A / B^2: -(1*1 + 3*3) / 4 and -(2*-2 + 4*4) / 16.
        assertTensor(new double[][] {{0.5, 0.5}, {1.5, 1}}, r.da());
        assertTensor(new double[][] {{-2.5, -0.75}}, r.db());
    }

    @Test
    void divideAScalarOnTheLeftByAMatrix() {
        Tensor b = Tensor.of(new double[][] {{1, 2}, {3, 6}});
        Result r = run(Tensor.scalar(6), b, ones(b), Node::div);
        assertTensor(new double[][] {{6, 3}, {2, 1}}, r.value());
        // dA = sum of 1 / B = 1 + 1/2 + 1/3 + 1/6; dB = -6 / B^2.
        assertTensor(new double[][] {{2}}, r.da());
        assertTensor(new double[][] {{-6, -1.5}, {-6.0 / 9, -6.0 / 36}}, r.db());
    }

    @Test
    void divideByAColumn() {
        Tensor a = Tensor.of(new double[][] {{2, 4, 6}, {-3, 0, 3}});
        Result r = run(a, Tensor.column(2, -3), ones(a), Node::div);
        assertTensor(new double[][] {{1, 2, 3}, {1, 0, -1}}, r.value());
        assertTensor(new double[][] {{0.5, 0.5, 0.5}, {-1.0 / 3, -1.0 / 3, -1.0 / 3}}, r.da());
        // Row sums of -A / B^2: -12 / 4 and -0 / 9.
        assertTensor(new double[][] {{-3}, {0}}, r.db());
    }

    // ---- maximum and minimum ----

    @Test
    void aTieGivesTheWholeGradientToTheLeftOperand() {
        Tensor a = Tensor.of(new double[][] {{1, 5}, {2, 2}});
        Tensor two = Tensor.scalar(2);
        Result max = run(a, two, ones(a), Node::maximum);
        assertTensor(new double[][] {{2, 5}, {2, 2}}, max.value());
        assertTensor(new double[][] {{0, 1}, {1, 1}}, max.da()); // the two ties go to a
        assertTensor(new double[][] {{1}}, max.db()); // only 1 < 2
        Result min = run(a, two, ones(a), Node::minimum);
        assertTensor(new double[][] {{1, 2}, {2, 2}}, min.value());
        assertTensor(new double[][] {{1, 0}, {1, 1}}, min.da());
        assertTensor(new double[][] {{1}}, min.db()); // only 5 > 2
        // The same values the other way round: now the scalar is on the left and takes the ties.
        Result swapped = run(two, a, ones(a), Node::maximum);
        assertTensor(new double[][] {{2, 5}, {2, 2}}, swapped.value());
        assertTensor(new double[][] {{3}}, swapped.da());
        assertTensor(new double[][] {{0, 1}, {0, 0}}, swapped.db());
    }

    @Test
    void maximumAndMinimumWithAColumnSumTheColumnsGradientOverItsRow() {
        Tensor a = Tensor.of(new double[][] {{1, 4, -1}, {0, 3, 5}});
        Tensor b = Tensor.column(2, 3);
        Tensor w = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        Result max = run(a, b, w, Node::maximum);
        assertTensor(new double[][] {{2, 4, 2}, {3, 3, 5}}, max.value());
        assertTensor(new double[][] {{0, 2, 0}, {0, 5, 6}}, max.da()); // 3 = 3 is a tie: a's
        assertTensor(new double[][] {{4}, {4}}, max.db());
        Result min = run(a, b, w, Node::minimum);
        assertTensor(new double[][] {{1, 2, -1}, {0, 3, 3}}, min.value());
        assertTensor(new double[][] {{1, 0, 3}, {4, 5, 0}}, min.da());
        assertTensor(new double[][] {{2}, {6}}, min.db());
    }

    @Test
    void aNaNInEitherOperandReachesTheMaximumAndTheMinimum() {
        DMatrixRMaj a = Tensor.row(Double.NaN, 1, 2).toMatrix();
        DMatrixRMaj b = Tensor.row(0, Double.NaN, 1).toMatrix();
        assertEquals(Tensor.row(Double.NaN, Double.NaN, 2), Tensor.adopt(Broadcast.maximum(a, b, null)));
        assertEquals(Tensor.row(Double.NaN, Double.NaN, 1), Tensor.adopt(Broadcast.minimum(a, b, null)));
    }

    @Test
    void theKinkIsATieAndABroadcastElementTakesItsSmallestGap() {
        DMatrixRMaj[] inputs = {Tensor.of(new double[][] {{1, 5}, {4, 3}}).toMatrix(), Tensor.row(2, 0.5).toMatrix()};
        for (Operation op : List.of(Extremum.MAXIMUM, Extremum.MINIMUM)) {
            assertEquals(1, op.distanceToKink(0, inputs, 0), op.name()); // |1 - 2|
            assertEquals(2.5, op.distanceToKink(0, inputs, 3), op.name()); // |3 - 0.5|
            assertEquals(1, op.distanceToKink(1, inputs, 0), op.name()); // min(|1 - 2|, |4 - 2|)
            assertEquals(2.5, op.distanceToKink(1, inputs, 1), op.name()); // min(|5 - 0.5|, |3 - 0.5|)
        }
        DMatrixRMaj[] tie = {Tensor.column(7, 2).toMatrix(), Tensor.scalar(2).toMatrix()};
        assertEquals(0, Extremum.MAXIMUM.distanceToKink(1, tie, 0));
        assertEquals(5, Extremum.MINIMUM.distanceToKink(0, tie, 0));
        assertEquals(Double.POSITIVE_INFINITY, Divide.INSTANCE.distanceToKink(1, tie, 0));
    }

    @Test
    void theFormulasNameTheWinner() {
        assertEquals("1 / {in1}", Divide.INSTANCE.localDerivative(0));
        assertEquals("-{out} / {in1}", Divide.INSTANCE.localDerivative(1));
        assertEquals("1 if {in0} >= {in1}, else 0", Extremum.MAXIMUM.localDerivative(0));
        assertEquals("1 if {in0} < {in1}, else 0", Extremum.MAXIMUM.localDerivative(1));
        assertEquals("1 if {in0} <= {in1}, else 0", Extremum.MINIMUM.localDerivative(0));
        assertEquals("1 if {in0} > {in1}, else 0", Extremum.MINIMUM.localDerivative(1));
    }

    // ---- a user's binary operation ----

    @Test
    void aUsersBinaryOperationBroadcastsAndSumsARowsGradient() {
        BinaryElementwiseOperation squareTimes = BinaryElementwiseOperation.of("a^2 b",
                (a, b) -> a * a * b, (a, b, y) -> 2 * a * b, (a, b, y) -> a * a);
        Tensor a = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        Result r = run(a, Tensor.row(10, -1), ones(a), (x, y) -> x.graph().apply(squareTimes, x, y));
        assertTensor(new double[][] {{10, -4}, {90, -16}}, r.value());
        assertTensor(new double[][] {{20, -4}, {60, -8}}, r.da());
        assertTensor(new double[][] {{10, 20}}, r.db()); // column sums of a^2
        assertEquals("BinaryElementwiseOperation a^2 b", squareTimes.toString());
    }

    @Test
    void thePartialsReceiveTheOutput() {
        // f = e^(a + b): both partials are the output y itself.
        BinaryElementwiseOperation expSum = BinaryElementwiseOperation.of("exp(a + b)",
                (a, b) -> Math.exp(a + b), (a, b, y) -> y, (a, b, y) -> y);
        Tensor a = Tensor.column(0, 1);
        Result r = run(a, Tensor.scalar(1), ones(a), (x, y) -> x.graph().apply(expSum, x, y));
        assertTensor(new double[][] {{Math.E}, {Math.E * Math.E}}, r.value());
        assertTensor(new double[][] {{Math.E}, {Math.E * Math.E}}, r.da());
        assertTensor(new double[][] {{Math.E + Math.E * Math.E}}, r.db());
    }

    @Test
    void builtInMaximumAndMinimumAgreeWithTheirOneLinersInEveryLayout() {
        BinaryElementwiseOperation max = BinaryElementwiseOperation.of("max", Math::max,
                (a, b, y) -> a >= b ? 1 : 0, (a, b, y) -> a >= b ? 0 : 1);
        BinaryElementwiseOperation min = BinaryElementwiseOperation.of("min", Math::min,
                (a, b, y) -> a <= b ? 1 : 0, (a, b, y) -> a <= b ? 0 : 1);
        Theories.qt(200).forAll(Generators.broadcastPairs()).checkAssert(pair -> {
            Shape shape = Broadcast.resultShape("weights", pair.left().shape(), pair.right().shape());
            Tensor w = Tensor.uniform(shape.rows(), shape.cols(), -1, 1, 7);
            assertSame(run(pair.left(), pair.right(), w, Node::maximum),
                    run(pair.left(), pair.right(), w, (x, y) -> x.graph().apply(max, x, y)), pair);
            assertSame(run(pair.left(), pair.right(), w, Node::minimum),
                    run(pair.left(), pair.right(), w, (x, y) -> x.graph().apply(min, x, y)), pair);
        });
    }

    private static void assertSame(Result expected, Result actual, BroadcastPair pair) {
        assertEquals(expected.value(), actual.value(), pair + ": value");
        assertEquals(expected.da(), actual.da(), pair + ": dA");
        assertEquals(expected.db(), actual.db(), pair + ": dB");
    }

    // ---- errors ----

    @Test
    void shapeErrorsNameTheOperationAndTheRule() {
        Graph g = new Graph();
        Node a = g.input(Tensor.zeros(2, 3));
        Node b = g.input(Tensor.zeros(3, 2));
        String rule = ": shapes must be equal, or one must be 1x1, a 1xn row matching the other's columns,"
                + " or an mx1 column matching the other's rows";
        assertEquals("divide: cannot broadcast 2x3 with 3x2" + rule,
                assertThrows(ShapeMismatchException.class, () -> a.div(b)).getMessage());
        assertEquals("maximum: cannot broadcast 3x2 with 2x3" + rule,
                assertThrows(ShapeMismatchException.class, () -> b.maximum(a)).getMessage());
        assertEquals("minimum: cannot broadcast 2x3 with 3x2" + rule,
                assertThrows(ShapeMismatchException.class, () -> a.minimum(b)).getMessage());
        BinaryElementwiseOperation user = BinaryElementwiseOperation.of("hypot", Math::hypot,
                (x, y, h) -> x / h, (x, y, h) -> y / h);
        assertEquals("hypot: cannot broadcast 2x3 with 3x2" + rule,
                assertThrows(ShapeMismatchException.class, () -> g.apply(user, a, b)).getMessage());
        assertEquals("hypot takes 2 inputs but was given 1",
                assertThrows(ChainruleException.class, () -> g.apply(user, a)).getMessage());
        assertEquals("divide: argument 1 is null",
                assertThrows(ChainruleException.class, () -> a.div(null)).getMessage());
    }

    @Test
    void aUsersOperationRefusesNullArguments() {
        BinaryElementwiseOperation.Partial one = (a, b, y) -> 1;
        assertNull("name", () -> BinaryElementwiseOperation.of(null, Double::sum, one, one));
        assertNull("function", () -> BinaryElementwiseOperation.of("add", null, one, one));
        assertNull("df/da", () -> BinaryElementwiseOperation.of("add", Double::sum, null, one));
        assertNull("df/db", () -> BinaryElementwiseOperation.of("add", Double::sum, one, null));
    }

    private static void assertNull(String what, org.junit.jupiter.api.function.Executable call) {
        assertEquals("BinaryElementwiseOperation.of: " + what + " is null",
                assertThrows(ChainruleException.class, call).getMessage());
    }

    // ---- the gradient check catches a wrong derivative ----

    @Test
    void aDivideWhoseDenominatorDerivativeIsOnePercentOffIsCaught() {
        Gen<List<Tensor>> inputs = in -> {
            int rows = Generators.dimension(in, Generators.MAX_DIMENSION);
            int cols = Generators.dimension(in, Generators.MAX_DIMENSION);
            return List.of(Generators.matrix(in, new Shape(rows, cols), -3, 3),
                    Generators.matrix(in, new Shape(1, cols), 0.5, 3));
        };
        BinaryElementwiseOperation right = BinaryElementwiseOperation.of("divide (as a one-liner)",
                (a, b) -> a / b, (a, b, y) -> 1 / b, (a, b, y) -> -y / b);
        BinaryElementwiseOperation broken = BinaryElementwiseOperation.of("divide (df/db 1% off)",
                (a, b) -> a / b, (a, b, y) -> 1 / b, (a, b, y) -> -1.01 * y / b);
        // The same property passes the right derivative, so what fails below is the 1%.
        OperationProperties.assertEveryExamplePasses(examples(right, inputs));
        AssertionError failure = assertThrows(AssertionError.class,
                () -> OperationProperties.assertEveryExamplePasses(examples(broken, inputs)));
        String report = failure.getMessage();
        assertTrue(report.contains("Property falsified"), report);
        assertTrue(report.contains("divide (df/db 1% off) at x0 = "), report);
        assertTrue(report.contains("gradient check FAILED"), report);
        assertTrue(report.contains("Seed was " + Theories.seed()), report);
    }

    private static Gen<OperationExample> examples(BinaryElementwiseOperation op, Gen<List<Tensor>> inputs) {
        return Generators.examples(op.name(), x -> x[0].graph().apply(op, x[0], x[1]), inputs);
    }
}
