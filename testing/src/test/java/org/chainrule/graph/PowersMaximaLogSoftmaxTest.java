package org.chainrule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.chainrule.core.Axis;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Elementwise;
import org.chainrule.core.Tensor;
import org.chainrule.graph.check.OperationCase;
import org.chainrule.graph.check.OperationExample;
import org.chainrule.graph.ops.Abs;
import org.chainrule.graph.check.GraphOperations;
import org.chainrule.graph.ops.LogSoftmax;
import org.chainrule.graph.ops.Max;
import org.chainrule.graph.ops.Power;
import org.chainrule.graph.ops.Sqrt;
import org.chainrule.graph.ops.Square;
import org.chainrule.testing.TensorAssertions;
import org.chainrule.testing.Generators;
import org.chainrule.testing.WrongDerivative;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;

/**
 * Powers, absolute values, maxima and log-softmax: forward values and gradients worked by
 * hand, max's tie and NaN rules and its kinks, log-softmax at scores of +-1000, the error
 * messages, and a derivative one percent off caught by the gradient-check property.
 */
class PowersMaximaLogSoftmaxTest {
    private static void assertTensor(double[][] expected, Tensor actual) {
        TensorAssertions.assertTensorEquals(expected, actual, 1e-12);
    }


    /** The value of {@code f(x)} and the gradient of {@code sum(f(x) * w)} with respect to {@code x}. */
    private record Result(Tensor value, Tensor gradient) {
    }

    private static Result run(Tensor x, Function<Node, Node> f, Tensor w) {
        Graph g = new Graph();
        Node in = g.parameter("x", x);
        Node out = f.apply(in);
        g.backward(out.mul(g.constant(w)).sum());
        return new Result(out.value(), in.gradient());
    }

    // ---- powers, square root, absolute value, square ----

    @Test
    void powCubesAndDifferentiatesAsThreeXSquared() {
        Result r = run(Tensor.row(-2, 0.5, 3), x -> x.pow(3), Tensor.row(1, 2, -1));
        assertTensor(new double[][] {{-8, 0.125, 27}}, r.value());
        // 3 x^2 * w = [12, 0.75 * 2, 27 * -1]
        assertTensor(new double[][] {{12, 1.5, -27}}, r.gradient());
    }

    @Test
    void powWithFractionalAndNegativeExponents() {
        Result half = run(Tensor.row(4, 0.25), x -> x.pow(0.5), Tensor.row(1, 1));
        assertTensor(new double[][] {{2, 0.5}}, half.value());
        // 0.5 x^-0.5 = [0.5 / 2, 0.5 / 0.5]
        assertTensor(new double[][] {{0.25, 1}}, half.gradient());
        Result negative = run(Tensor.row(4, 0.25), x -> x.pow(-1.5), Tensor.row(1, 1));
        // 4^-1.5 = 1/8, 0.25^-1.5 = 8; -1.5 x^-2.5 = [-1.5 / 32, -1.5 * 32]
        assertTensor(new double[][] {{0.125, 8}}, negative.value());
        assertTensor(new double[][] {{-0.046875, -48}}, negative.gradient());
    }

    @Test
    void powZeroIsOneWithAZeroDerivativeEvenAtZero() {
        Result r = run(Tensor.row(0, 2), x -> x.pow(0), Tensor.row(1, 1));
        assertTensor(new double[][] {{1, 1}}, r.value());
        assertTensor(new double[][] {{0, 0}}, r.gradient()); // not 0 * 0^-1 = NaN at 0
    }

    @Test
    void sqrtDifferentiatesAsOneOverTwiceItsOutput() {
        Result r = run(Tensor.row(4, 0.25, 9), Node::sqrt, Tensor.row(1, 1, 6));
        assertTensor(new double[][] {{2, 0.5, 3}}, r.value());
        // w / (2 y) = [1/4, 1/1, 6/6]
        assertTensor(new double[][] {{0.25, 1, 1}}, r.gradient());
    }

    @Test
    void absDifferentiatesAsTheSignWithZeroAtTheKink() {
        Result r = run(Tensor.row(-2, 0, 3), Node::abs, Tensor.row(5, 5, 5));
        assertTensor(new double[][] {{2, 0, 3}}, r.value());
        assertTensor(new double[][] {{-5, 0, 5}}, r.gradient());
        DMatrixRMaj[] x = {Tensor.row(-2, 0, 3).toMatrix()};
        assertEquals(List.of(2.0, 0.0, 3.0), List.of(Abs.INSTANCE.distanceToKink(0, x, 0),
                Abs.INSTANCE.distanceToKink(0, x, 1), Abs.INSTANCE.distanceToKink(0, x, 2)));
    }

    @Test
    void absPassesNaNOnToTheGradient() {
        DMatrixRMaj dx = Elementwise.absBackward(Tensor.row(Double.NaN, 1).toMatrix(), Tensor.row(1, 1).toMatrix(),
                null);
        assertTrue(Double.isNaN(dx.data[0]), Arrays.toString(dx.data));
        assertEquals(1, dx.data[1]);
    }

    @Test
    void squareDifferentiatesAsTwiceItsInput() {
        Result r = run(Tensor.row(-2, 0.5), Node::square, Tensor.row(1, 3));
        assertTensor(new double[][] {{4, 0.25}}, r.value());
        assertTensor(new double[][] {{-4, 3}}, r.gradient());
    }

    @Test
    void namesAndFormulas() {
        assertEquals("pow(3)", new Power(3).name());
        assertEquals("3 {in0}^2", new Power(3).localDerivative(0));
        assertEquals("pow(-1.5)", new Power(-1.5).name());
        assertEquals("-1.5 {in0}^-2.5", new Power(-1.5).localDerivative(0));
        assertEquals("0", new Power(0).localDerivative(0));
        assertEquals("1 / (2 {out})", Sqrt.INSTANCE.localDerivative(0));
        assertEquals("sign({in0})", Abs.INSTANCE.localDerivative(0));
        assertEquals("2 {in0}", Square.INSTANCE.localDerivative(0));
        assertEquals(List.of("max", "max(rows)", "max(columns)"),
                List.of(Max.ALL.name(), Max.along(Axis.EACH_ROW).name(), Max.along(Axis.EACH_COLUMN).name()));
        assertEquals(List.of("logSoftmax(rows)", "logSoftmax(columns)"),
                List.of(new LogSoftmax(Axis.EACH_ROW).name(), new LogSoftmax(Axis.EACH_COLUMN).name()));
        assertEquals(Axis.EACH_COLUMN, new LogSoftmax(Axis.EACH_COLUMN).axis());
    }

    /** Every pow records a new operation, so it must stay as small as Scale: its exponent and nothing else. */
    @Test
    void eachPowRecordsANewOperationHoldingOnlyItsExponent() {
        Graph g = new Graph();
        Node x = g.parameter("x", Tensor.row(1, 2));
        Operation a = x.pow(2).operation();
        Operation b = x.pow(2).operation();
        assertNotSame(a, b);
        assertEquals(2, ((Power) a).exponent());
        List<String> fields = new java.util.ArrayList<>();
        for (Class<?> c = Power.class; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    fields.add(c.getSimpleName() + "." + f.getName());
                }
            }
        }
        assertEquals(List.of("ElementwiseWithConstant.constant"), fields, "Power and its base hold only the exponent");
    }

    // ---- max ----

    @Test
    void maxOfAllGivesTheWholeGradientToTheFirstMaximumInRowMajorOrder() {
        // 5 appears at (0, 1) and (1, 0): (0, 1) comes first in storage order.
        Result r = run(Tensor.of(new double[][] {{1, 5}, {5, 2}}), Node::max, Tensor.scalar(3));
        assertTensor(new double[][] {{5}}, r.value());
        assertTensor(new double[][] {{0, 3}, {0, 0}}, r.gradient());
    }

    @Test
    void maxOfEachRowGoesToEachRowsFirstMaximum() {
        Tensor x = Tensor.of(new double[][] {{1, 5, 5}, {7, 2, 7}, {-1, -3, -2}});
        Result r = run(x, n -> n.max(Axis.EACH_ROW), Tensor.column(2, 3, 4));
        assertTensor(new double[][] {{5}, {7}, {-1}}, r.value());
        assertTensor(new double[][] {{0, 2, 0}, {3, 0, 0}, {4, 0, 0}}, r.gradient());
    }

    @Test
    void maxOfEachColumnGoesToEachColumnsFirstMaximum() {
        // Column 1 ties at rows 0 and 1: row 0 comes first.
        Result r = run(Tensor.of(new double[][] {{1, 5}, {3, 5}}), n -> n.max(Axis.EACH_COLUMN), Tensor.row(2, 3));
        assertTensor(new double[][] {{3, 5}}, r.value());
        assertTensor(new double[][] {{0, 3}, {2, 0}}, r.gradient());
    }

    @Test
    void nanPropagatesAsTheMaximumAndItsFirstNanTakesTheGradient() {
        double nan = Double.NaN;
        Result all = run(Tensor.row(1, nan, 3, nan), Node::max, Tensor.scalar(1));
        assertTrue(Double.isNaN(all.value().item()), all.value().toString());
        assertTensor(new double[][] {{0, 1, 0, 0}}, all.gradient());
        // Columns [1, NaN], [NaN, 2], [4, 3]: the NaN after a number, the NaN before one, no NaN.
        Result columns = run(Tensor.of(new double[][] {{1, nan, 4}, {nan, 2, 3}}), n -> n.max(Axis.EACH_COLUMN),
                Tensor.row(1, 2, 3));
        assertTrue(Double.isNaN(columns.value().get(0, 0)) && Double.isNaN(columns.value().get(0, 1)),
                columns.value().toString());
        assertEquals(4, columns.value().get(0, 2));
        assertTensor(new double[][] {{0, 2, 3}, {1, 0, 0}}, columns.gradient());
    }

    @Test
    void aTieIsAKinkAndEveryElementKnowsHowFarItIsFromOne() {
        DMatrixRMaj[] x = {Tensor.of(new double[][] {{1, 4, 2}, {4, 1, 4}}).toMatrix()};
        // Row 0: max 4, runner-up 2. Row 1: 4 ties with 4.
        assertEquals(List.of(3.0, 2.0, 2.0, 0.0, 3.0, 0.0), distances(Max.along(Axis.EACH_ROW), x));
        // Over everything, 4 at index 1 ties with the 4s of row 1.
        assertEquals(List.of(3.0, 0.0, 2.0, 0.0, 3.0, 0.0), distances(Max.ALL, x));
        // Columns [1, 4], [4, 1], [2, 4]: each max leads by 3, 3 and 2.
        assertEquals(List.of(3.0, 3.0, 2.0, 3.0, 3.0, 2.0), distances(Max.along(Axis.EACH_COLUMN), x));
        DMatrixRMaj[] one = {Tensor.scalar(7).toMatrix()};
        assertEquals(Double.POSITIVE_INFINITY, Max.ALL.distanceToKink(0, one, 0), "a slice of one has no rival");
        DMatrixRMaj[] nan = {Tensor.row(1, Double.NaN).toMatrix()};
        assertTrue(Double.isNaN(Max.ALL.distanceToKink(0, nan, 0)), "an example with NaN is never kept");
    }

    private static List<Double> distances(Operation op, DMatrixRMaj[] x) {
        Double[] d = new Double[x[0].getNumElements()];
        for (int e = 0; e < d.length; e++) {
            d[e] = op.distanceToKink(0, x, e);
        }
        return List.of(d);
    }

    // ---- log-softmax ----

    @Test
    void logSoftmaxOfEachRowAndItsGradient() {
        double ln2 = Math.log(2);
        double ln3 = Math.log(3);
        double ln4 = Math.log(4);
        // Row 0: softmax [1/4, 3/4]; row 1: softmax [1/2, 1/2].
        Tensor x = Tensor.of(new double[][] {{0, ln3}, {ln2, ln2}});
        Result r = run(x, n -> n.logSoftmax(Axis.EACH_ROW), Tensor.of(new double[][] {{1, 0}, {2, 4}}));
        assertTensor(new double[][] {{-ln4, ln3 - ln4}, {-ln2, -ln2}}, r.value());
        // dx = w - softmax * sum(w): [1 - 1/4, 0 - 3/4], [2 - 3, 4 - 3]
        assertTensor(new double[][] {{0.75, -0.75}, {-1, 1}}, r.gradient());
    }

    @Test
    void logSoftmaxOfEachColumnIsTheTransposedRowCase() {
        double ln2 = Math.log(2);
        double ln3 = Math.log(3);
        double ln4 = Math.log(4);
        Tensor x = Tensor.of(new double[][] {{0, ln2}, {ln3, ln2}});
        Result r = run(x, n -> n.logSoftmax(Axis.EACH_COLUMN), Tensor.of(new double[][] {{1, 2}, {0, 4}}));
        assertTensor(new double[][] {{-ln4, -ln2}, {ln3 - ln4, -ln2}}, r.value());
        assertTensor(new double[][] {{0.75, -1}, {-0.75, 1}}, r.gradient());
    }

    @Test
    void logSoftmaxIsExactAndFiniteAtPlusMinusAThousand() {
        // log(e^1000 + e^-1000) = 1000 exactly in doubles, so [1000, -1000] gives [0, -2000]; the
        // log of a softmax would give [0, -infinity] there.
        Result row = run(Tensor.row(1000, -1000), n -> n.logSoftmax(Axis.EACH_ROW), Tensor.row(1, 2));
        assertEquals(Tensor.row(0, -2000), row.value());
        // dx = w - [1, 0] * 3 = [-2, 2]
        assertEquals(Tensor.row(-2, 2), row.gradient());
        Result column = run(Tensor.column(-1000, 1000), n -> n.logSoftmax(Axis.EACH_COLUMN), Tensor.column(2, 1));
        assertEquals(Tensor.column(-2000, 0), column.value());
        assertEquals(Tensor.column(2, -2), column.gradient());
        Result equal = run(Tensor.of(new double[][] {{1000, 1000, 1000}, {-1000, -1000, -1000}}),
                n -> n.logSoftmax(Axis.EACH_ROW), Tensor.of(new double[][] {{3, 0, 0}, {0, 0, 3}}));
        double ln3 = Math.log(3);
        assertTensor(new double[][] {{-ln3, -ln3, -ln3}, {-ln3, -ln3, -ln3}}, equal.value());
        assertTensor(new double[][] {{2, -1, -1}, {-1, -1, 2}}, equal.gradient());
        Graph g = new Graph();
        Node naive = g.input(Tensor.row(1000, -1000)).softmax(Axis.EACH_ROW).log();
        assertEquals(Double.NEGATIVE_INFINITY, naive.value().get(0, 1), "what the fused operation avoids");
    }

    // ---- errors ----

    @Test
    void badExponentsAndNullAxesAreRefusedByName() {
        Graph g = new Graph();
        Node x = g.input("x", Tensor.zeros(2, 2));
        for (double p : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            ChainruleException e = assertThrows(ChainruleException.class, () -> x.pow(p));
            assertEquals("pow: the exponent must be a finite number, got " + p, e.getMessage());
        }
        assertEquals("max: the axis is null: give Axis.EACH_ROW (row maxima) or Axis.EACH_COLUMN (column maxima),"
                + " or call max() for the maximum of everything",
                assertThrows(ChainruleException.class, () -> x.max(null)).getMessage());
        assertEquals("logSoftmax: the axis is null: give Axis.EACH_ROW (examples as rows) or Axis.EACH_COLUMN"
                + " (examples as columns)", assertThrows(ChainruleException.class, () -> x.logSoftmax(null)).getMessage());
        assertEquals(1, g.size(), "refused calls record nothing");
    }

    // ---- the list and the property ----

    @Test
    void everyOperationOfTheGroupIsListed() {
        List<String> names = GraphOperations.cases().stream().map(OperationCase::name).toList();
        assertTrue(names.containsAll(List.of("pow (p = 3)", "pow (p = 0.5)", "pow (p = -1.5)", "sqrt", "abs", "square",
                "max (all)", "max (each row)", "max (each column)", "logSoftmax (each row)",
                "logSoftmax (each column)")), names.toString());
    }

    /** Examples as a listed case draws them: values in [-3, 3], away from kinks (max's ties). */
    private static Gen<OperationExample> examples(Operation op) {
        return Generators.examples(OperationCase.unary(op.name(), x -> x.graph().apply(op, x), -3, 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"logSoftmax(rows)", "max(columns)", "pow(3)"})
    void aDerivativeOffByOnePercentIsCaughtAndTheExactOneIsNot(String which) {
        Operation real = switch (which) {
            case "logSoftmax(rows)" -> new LogSoftmax(Axis.EACH_ROW);
            case "max(columns)" -> Max.along(Axis.EACH_COLUMN);
            default -> new Power(3);
        };
        // The wrapper itself is faithful: with factor 1 the property holds.
        OperationProperties.assertEveryExamplePasses(examples(new WrongDerivative(real.name(), real, WrongDerivative.EVERY_INPUT, 1, 0)));
        AssertionError failure = assertThrows(AssertionError.class,
                () -> OperationProperties.assertEveryExamplePasses(examples(new WrongDerivative(real.name() + " (derivative 1% off)", real,
                        WrongDerivative.EVERY_INPUT, 1.01, 0))));
        String report = failure.getMessage();
        assertTrue(report.contains("Property falsified"), report);
        assertTrue(report.contains(which + " (derivative 1% off) at x0 = "), report);
        assertTrue(report.contains("gradient check FAILED"), report);
    }
}
