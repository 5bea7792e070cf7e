package org.chainrule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.chainrule.core.Axis;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.ShapeMismatchException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.check.GradientCheck;
import org.chainrule.graph.check.GraphFunction;
import org.chainrule.graph.ops.MatMul;
import org.chainrule.graph.ops.Tanh;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every wrong call into the graph gets an exception of a documented type whose message names
 * the operation, the shapes, the rule and — where they have names — the nodes.
 */
class ErrorMessagesTest {

    private static <T extends ChainruleException> T assertMessage(Class<T> type, String expected, Executable call) {
        T e = assertThrows(type, call);
        assertEquals(expected, e.getMessage());
        return e;
    }

    /** A factor that is not finite could only be a mistake: refused where it is given, not found later as NaN. */
    @Test
    void aScaleFactorThatIsNotFiniteIsRefused() {
        Node x = new Graph().input("x", Tensor.row(1, 2));
        for (double c : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertMessage(ChainruleException.class, "scale: the factor must be a finite number, got " + c,
                    () -> x.scale(c));
        }
        assertEquals(Tensor.row(-2, -4), x.scale(-2).value());
    }

    @Test
    void shapeErrorsNameTheNodesWhenTheyHaveNames() {
        Graph g = new Graph();
        Node x = g.input("x", Tensor.zeros(2, 3));
        Node w = g.parameter("W1", Tensor.zeros(4, 5));
        ShapeMismatchException e = assertMessage(ShapeMismatchException.class,
                "matmul: cannot multiply 2x3 by 4x5: inner dimensions 3 and 4 differ (nodes 'x' and 'W1')",
                () -> x.matmul(w));
        // The original, label-free error is kept as the cause.
        assertEquals("matmul: cannot multiply 2x3 by 4x5: inner dimensions 3 and 4 differ", e.getCause().getMessage());
        Node h = x.tanh();
        assertMessage(ShapeMismatchException.class, "add: cannot broadcast 2x3 with 4x5: shapes must be equal, or one"
                + " must be 1x1, a 1xn row matching the other's columns, or an mx1 column matching the other's rows"
                + " (nodes #2 tanh and 'W1')", () -> h.add(w));
        assertMessage(ShapeMismatchException.class, "multiply: cannot broadcast 4x5 with 2x3: shapes must be equal, or"
                + " one must be 1x1, a 1xn row matching the other's columns, or an mx1 column matching the other's rows"
                + " (nodes 'W1' and 'x')", () -> w.mul(x));
    }

    @Test
    void unnamedNodesKeepTheShapeOnlyMessage() {
        Graph g = new Graph();
        Node a = g.input(Tensor.zeros(2, 3));
        Node b = g.input(Tensor.zeros(3, 2));
        assertMessage(ShapeMismatchException.class, "add: cannot broadcast 2x3 with 3x2: shapes must be equal, or one"
                + " must be 1x1, a 1xn row matching the other's columns, or an mx1 column matching the other's rows",
                () -> a.sub(b));
    }

    @Test
    void backwardSeedsAndNonScalarOutputsAreChecked() {
        Graph g = new Graph();
        Node x = g.parameter("x", Tensor.row(1, 2));
        Node y = x.tanh().setName("y");
        assertMessage(ShapeMismatchException.class, "backward: node 'y' is 1x2, not 1x1: a gradient needs a scalar"
                + " output. Reduce it first (for example .sum() or .mean()), or call backward(node, seedGradient)"
                + " with a 1x2 seed", () -> g.backward(y));
        assertMessage(ShapeMismatchException.class,
                "backward: seed is 2x1 but node 'y' is 1x2: the seed must have the output's shape",
                () -> g.backward(y, Tensor.column(1, 1)));
        assertMessage(ChainruleException.class, "backward: seed is null", () -> g.backward(y, (Tensor) null));
        assertMessage(ChainruleException.class, "backward: node is null", () -> g.backward(null));
        Node data = g.input("data", Tensor.scalar(1)).exp();
        assertMessage(ChainruleException.class, "backward: node #3 exp depends on no parameter, so there is nothing to"
                + " differentiate. Record the leaves you want gradients for with graph.parameter(...)",
                () -> g.backward(data));
    }

    @Test
    void nodesOfTwoGraphsDoNotMix() {
        Graph g1 = new Graph();
        Graph g2 = new Graph();
        Node a = g1.parameter("a", Tensor.scalar(1));
        Node b = g2.parameter("b", Tensor.scalar(1));
        assertMessage(ChainruleException.class, "add: node 'b' belongs to a different graph: all of an operation's"
                + " inputs must be recorded in one graph", () -> a.add(b));
        assertMessage(ChainruleException.class, "subtract: node 'b' belongs to a different graph than 'a': all of an"
                + " operation's inputs must be recorded in one graph", () -> a.sub(b));
        assertEquals(1, g2.size(), "a refused subtraction records nothing in the other graph");
        assertMessage(ChainruleException.class, "backward: node 'b' belongs to a different graph", () -> g1.backward(b));
    }

    @Test
    void nullOperandsAxesAndWrongInputCountsAreNamed() {
        Graph g = new Graph();
        Node x = g.input("x", Tensor.zeros(2, 2));
        assertMessage(ChainruleException.class, "matmul: argument 1 is null", () -> x.matmul(null));
        assertMessage(ChainruleException.class, "subtract: the right operand is null", () -> x.sub(null));
        assertMessage(ChainruleException.class, "softmax: the axis is null: give Axis.EACH_ROW (examples as rows) or"
                + " Axis.EACH_COLUMN (examples as columns)", () -> x.softmax(null));
        String sum = "sum: the axis is null: give Axis.EACH_ROW (row sums) or Axis.EACH_COLUMN (column sums), or call"
                + " sum() for the sum of everything";
        assertMessage(ChainruleException.class, sum, () -> x.sum(null));
        assertMessage(ChainruleException.class, sum, () -> x.mean(null));
        assertMessage(ChainruleException.class, "matmul takes 2 inputs but was given 1", () -> g.apply(MatMul.INSTANCE, x));
        assertMessage(ChainruleException.class, "tanh takes 1 input but was given 0", () -> g.apply(Tanh.INSTANCE));
        assertMessage(ChainruleException.class, "tanh: the array of inputs is null",
                () -> g.apply(Tanh.INSTANCE, (Node[]) null));
        assertMessage(ChainruleException.class, "Graph.apply: operation is null", () -> g.apply(null, x));
        assertMessage(ChainruleException.class, "Graph.input: value is null", () -> g.input("x", null));
        assertMessage(ChainruleException.class, "Graph.constant: value is null", () -> g.constant(null));
        assertMessage(ChainruleException.class, "Graph.parameter: parameter is null", () -> g.parameter(null));
        assertEquals(1, g.size(), "refused calls record nothing");
        assertSame(Axis.EACH_ROW, new org.chainrule.graph.ops.Softmax(Axis.EACH_ROW).axis());
    }

    @Test
    void parametersNeedANameAndAValue() {
        assertMessage(ChainruleException.class, "a parameter needs a non-blank name (checkpoints find parameters by"
                + " name), got null", () -> new Parameter(null, Tensor.scalar(1)));
        assertMessage(ChainruleException.class, "a parameter needs a non-blank name (checkpoints find parameters by"
                + " name), got ' '", () -> new Parameter(" ", Tensor.scalar(1)));
        assertMessage(ChainruleException.class, "parameter 'w': initial value is null", () -> new Parameter("w", null));
        Parameter p = new Parameter("w", Tensor.zeros(2, 2));
        assertMessage(ChainruleException.class, "parameter 'w': new value is null", () -> p.setValue(null));
        assertMessage(ShapeMismatchException.class, "parameter 'w': cannot set a 1x2 value on a 2x2 parameter: shapes"
                + " must match", () -> p.setValue(Tensor.row(1, 2)));
    }

    @Test
    void theGradientCheckerRefusesNullsClearly() {
        GraphFunction f = (graph, x) -> x[0].sum();
        GradientCheck check = GradientCheck.defaults();
        assertMessage(ChainruleException.class, "gradient check: the function is null", () -> check.check(null, Tensor.scalar(1)));
        assertMessage(ChainruleException.class, "gradient check: input x1 is null",
                () -> check.check(f, Tensor.scalar(1), null));
        assertMessage(ChainruleException.class, "GraphFunction: the list of inputs is null", () -> f.value(null));
        assertMessage(ChainruleException.class, "GraphFunction.build returned null: it must return the output node",
                () -> ((GraphFunction) (graph, x) -> null).value(List.of(Tensor.scalar(1))));
        assertMessage(ChainruleException.class, "ElementwiseOperation.of: derivative is null",
                () -> ElementwiseOperation.of("f", v -> v, null));
    }
}
