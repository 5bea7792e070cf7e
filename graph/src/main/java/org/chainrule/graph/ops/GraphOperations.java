package org.chainrule.graph.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import org.chainrule.core.Axis;
import org.chainrule.core.Tensor;
import org.chainrule.graph.BinaryElementwiseOperation;
import org.chainrule.graph.Node;
import org.chainrule.graph.check.Draw;
import org.chainrule.graph.check.OperationCase;

/**
 * Every operation of this module as the gradient checks exercise it, listed once: the seven
 * primitives (with both softmax axes), the support operations (every sum and mean axis), every
 * broadcast form of add and multiply, and the composed subtract, negate and {@code x * x} (one
 * input used twice). Input values lie in {@code [-3, 3]} ({@code log}'s in {@code [0.1, 3]}).
 * Read by graph's property tests and, with {@code nn}'s list, by {@code chainrule gradcheck}.
 */
public final class GraphOperations {
    private static final double SPREAD = 3;

    private GraphOperations() {
    }

    /** Where the smaller operand of a broadcasting binary operation sits. */
    private enum Form {
        SAME("same shapes"),
        ROW("1xn row"),
        COLUMN("mx1 column"),
        SCALAR("1x1 scalar"),
        ROW_FIRST("1xn row on the left");

        private final String label;

        Form(String label) {
            this.label = label;
        }
    }

    /**
     * The cases, in the order a report lists them.
     *
     * @return an unmodifiable list.
     */
    public static List<OperationCase> cases() {
        List<OperationCase> cases = new ArrayList<>();
        cases.add(OperationCase.of("matmul", x -> x[0].matmul(x[1]), d -> {
            int k = d.dimension();
            return List.of(values(d, d.dimension(), k), values(d, k, d.dimension()));
        }));
        for (Form form : Form.values()) {
            cases.add(binary("add", Node::add, form));
        }
        for (Form form : Form.values()) {
            cases.add(binary("mul", Node::mul, form));
        }
        cases.add(binary("sub", Node::sub, Form.ROW));
        cases.add(unary("mul (x * x: one input used twice)", x -> x.mul(x)));
        cases.add(unary("sigmoid", Node::sigmoid));
        cases.add(unary("tanh", Node::tanh));
        cases.add(unary("relu", Node::relu));
        cases.add(unary("softmax (each row)", x -> x.softmax(Axis.EACH_ROW)));
        cases.add(unary("softmax (each column)", x -> x.softmax(Axis.EACH_COLUMN)));
        cases.add(OperationCase.unary("log", Node::log, 0.1, SPREAD));
        cases.add(unary("exp", Node::exp));
        cases.add(unary("scale (by -1.75)", x -> x.scale(-1.75)));
        cases.add(unary("neg", Node::neg));
        cases.add(unary("sum (all)", Node::sum));
        cases.add(unary("sum (each row)", x -> x.sum(Axis.EACH_ROW)));
        cases.add(unary("sum (each column)", x -> x.sum(Axis.EACH_COLUMN)));
        cases.add(unary("mean (all)", Node::mean));
        cases.add(unary("mean (each row)", x -> x.mean(Axis.EACH_ROW)));
        cases.add(unary("mean (each column)", x -> x.mean(Axis.EACH_COLUMN)));
        cases.addAll(broadcastingCases());
        return List.copyOf(cases);
    }

    private static OperationCase unary(String name, Function<Node, Node> operation) {
        return OperationCase.unary(name, operation, -SPREAD, SPREAD);
    }

    private static OperationCase binary(String name, BinaryOperator<Node> operation, Form form) {
        return OperationCase.of(name + " (" + form.label + ")", x -> operation.apply(x[0], x[1]), d -> {
            int m = d.dimension();
            int n = d.dimension();
            Tensor big = values(d, m, n);
            return switch (form) {
                case SAME -> List.of(big, values(d, m, n));
                case ROW -> List.of(big, values(d, 1, n));
                case COLUMN -> List.of(big, values(d, m, 1));
                case SCALAR -> List.of(big, values(d, 1, 1));
                case ROW_FIRST -> List.of(values(d, 1, n), big);
            };
        });
    }

    private static Tensor values(Draw d, int rows, int cols) {
        return d.matrix(rows, cols, -SPREAD, SPREAD);
    }

    /**
     * Broadcasting arithmetic in every broadcast form: divide (numerators in {@code [-3, 3]},
     * denominators in {@code [0.5, 3]}, away from the pole at 0), maximum and minimum (ties are
     * kinks, so the drawn examples keep clear of them), and a user's
     * {@link BinaryElementwiseOperation}, {@code a b + sin a}, in two forms.
     */
    private static List<OperationCase> broadcastingCases() {
        List<OperationCase> cases = new ArrayList<>();
        for (Form form : Form.values()) {
            cases.add(OperationCase.of("div (" + form.label + ")", x -> x[0].div(x[1]), d -> {
                int m = d.dimension();
                int n = d.dimension();
                // The smaller operand's shape, and which side it sits on.
                int rows = form == Form.SAME || form == Form.COLUMN ? m : 1;
                int cols = form == Form.COLUMN || form == Form.SCALAR ? 1 : n;
                boolean smallOnLeft = form == Form.ROW_FIRST;
                Tensor numerator = d.matrix(smallOnLeft ? rows : m, smallOnLeft ? cols : n, -SPREAD, SPREAD);
                Tensor denominator = d.matrix(smallOnLeft ? m : rows, smallOnLeft ? n : cols, 0.5, SPREAD);
                return List.of(numerator, denominator);
            }));
        }
        for (Form form : Form.values()) {
            cases.add(binary("maximum", Node::maximum, form));
        }
        for (Form form : Form.values()) {
            cases.add(binary("minimum", Node::minimum, form));
        }
        BinaryElementwiseOperation user = BinaryElementwiseOperation.of("a b + sin a",
                (a, b) -> a * b + Math.sin(a), (a, b, y) -> b + Math.cos(a), (a, b, y) -> a);
        for (Form form : List.of(Form.SAME, Form.COLUMN)) {
            cases.add(binary("a b + sin a (BinaryElementwiseOperation)", (a, b) -> a.graph().apply(user, a, b), form));
        }
        return cases;
    }
}
