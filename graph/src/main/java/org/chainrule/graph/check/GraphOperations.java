package org.chainrule.graph.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import org.chainrule.core.Axis;
import org.chainrule.core.Tensor;
import org.chainrule.graph.BinaryElementwiseOperation;
import org.chainrule.graph.Node;

/**
 * Every operation of this module as the gradient checks exercise it, listed once: the seven
 * primitives (with both softmax axes), the support operations (every sum and mean axis), every
 * broadcast form of add, multiply, divide, maximum and minimum, the composed subtract, negate
 * and {@code x * x} (one input used twice), the shape operations (transpose, reshape, concat,
 * slice, gatherRows with repeated indices), powers, square roots, absolute values, maxima and
 * log-softmax, a user's {@code BinaryElementwiseOperation}, and the adjoints that higher
 * derivatives are written with (expand, padding, scatter-add and the unit step). Input values lie in
 * {@code [-3, 3]}, except where an operation's domain asks for less (log, sqrt and fractional
 * powers in {@code [0.1, 3]}, denominators in {@code [0.5, 3]}). Read by graph's property
 * tests and, with {@code nn}'s list, by {@code chainrule gradcheck}; the README's table of
 * operations is tested against both lists.
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
        cases.add(OperationCase.of("matmulTransA", x -> x[0].transposedMatmul(x[1]), d -> {
            int k = d.dimension();
            return List.of(values(d, k, d.dimension()), values(d, k, d.dimension()));
        }));
        cases.add(OperationCase.of("matmulTransB", x -> x[0].matmulTransposed(x[1]), d -> {
            int k = d.dimension();
            return List.of(values(d, d.dimension(), k), values(d, d.dimension(), k));
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
        cases.addAll(shapeOperationsCases());
        cases.addAll(mathCases());
        cases.addAll(broadcastingCases());
        cases.addAll(adjointCases());
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
     * Transpose; reshape to the transposed shape and to one row; concatenation of one, two and
     * three stacked inputs and of two side by side; a slice of rows and of columns inside a
     * drawn shape; and a row lookup whose indices (a constant of the example, up to 8 of them
     * into a table of 1 to 4 rows) often repeat.
     */
    private static List<OperationCase> shapeOperationsCases() {
        List<OperationCase> cases = new ArrayList<>();
        cases.add(unary("transpose", Node::transpose));
        cases.add(OperationCase.of("reshape (m x n to n x m)", x -> x[0].reshape(x[0].shape().cols(),
                x[0].shape().rows()), d -> List.of(values(d, d.dimension(), d.dimension()))));
        cases.add(OperationCase.of("reshape (m x n to 1 x mn)", x -> x[0].reshape(1, x[0].shape().size()),
                d -> List.of(values(d, d.dimension(), d.dimension()))));
        for (int count = 1; count <= 3; count++) {
            int inputs = count;
            cases.add(OperationCase.of("concatRows (" + count + (count == 1 ? " input)" : " inputs)"),
                    x -> x[0].concatRows(Arrays.copyOfRange(x, 1, x.length)), d -> {
                        int n = d.dimension();
                        List<Tensor> blocks = new ArrayList<>();
                        for (int k = 0; k < inputs; k++) {
                            blocks.add(values(d, d.dimension(), n));
                        }
                        return blocks;
                    }));
        }
        cases.add(OperationCase.of("concatColumns (2 inputs)", x -> x[0].concatColumns(x[1]), d -> {
            int m = d.dimension();
            return List.of(values(d, m, d.dimension()), values(d, m, d.dimension()));
        }));
        for (boolean rows : new boolean[] {true, false}) {
            String name = rows ? "sliceRows" : "sliceColumns";
            cases.add(new OperationCase(name, d -> {
                Tensor x = values(d, d.dimension(), d.dimension());
                int size = rows ? x.rows() : x.cols();
                int from = d.between(0, size - 1);
                int to = d.between(from + 1, size);
                return OperationExample.draw(d, name + " [" + from + ", " + to + ")",
                        n -> rows ? n[0].sliceRows(from, to) : n[0].sliceColumns(from, to), List.of(x));
            }));
        }
        String gather = "gatherRows (repeated indices)";
        cases.add(new OperationCase(gather, d -> {
            int rows = d.between(1, 4);
            int m = d.dimension();
            double[][] indices = new double[m][1];
            for (int i = 0; i < m; i++) {
                indices[i][0] = d.between(0, rows - 1);
            }
            Tensor constant = Tensor.of(indices);
            return OperationExample.draw(d, gather, x -> x[0].gatherRows(x[0].graph().constant("indices", constant)),
                    List.of(values(d, rows, d.dimension())));
        }));
        return cases;
    }

    /**
     * The adjoints that higher derivatives are written with: expand (of sum) from a row, a
     * column and a scalar; padding (of slice) of rows and of columns at a drawn place; a
     * scatter-add (of gatherRows) whose indices often repeat and may leave table rows empty; and
     * the masks, the unit step (relu's) and where the maximum is (max's), whose derivatives are
     * 0 away from their jumps.
     */
    private static List<OperationCase> adjointCases() {
        List<OperationCase> cases = new ArrayList<>();
        for (Form form : new Form[] {Form.ROW, Form.COLUMN, Form.SCALAR}) {
            String name = "expand (" + form.label + ")";
            cases.add(new OperationCase(name, d -> {
                int m = d.dimension();
                int n = d.dimension();
                Tensor x = values(d, form == Form.COLUMN ? m : 1, form == Form.ROW ? n : 1);
                return OperationExample.draw(d, name + " to " + m + "x" + n, in -> in[0].expand(m, n), List.of(x));
            }));
        }
        for (boolean rows : new boolean[] {true, false}) {
            String name = rows ? "padRows" : "padColumns";
            cases.add(new OperationCase(name, d -> {
                Tensor x = values(d, d.dimension(), d.dimension());
                int size = rows ? x.rows() : x.cols();
                int from = d.between(0, 3);
                int total = from + size + d.between(0, 3);
                return OperationExample.draw(d, name + " [" + from + " of " + total + "]",
                        n -> rows ? n[0].padRows(from, total) : n[0].padColumns(from, total), List.of(x));
            }));
        }
        String scatter = "scatterAddRows (repeated indices)";
        cases.add(new OperationCase(scatter, d -> {
            int tableRows = d.between(1, 4);
            int m = d.dimension();
            double[][] indices = new double[m][1];
            for (int i = 0; i < m; i++) {
                indices[i][0] = d.between(0, tableRows - 1);
            }
            Tensor constant = Tensor.of(indices);
            return OperationExample.draw(d, scatter + " into " + tableRows + " rows", x -> x[0].scatterAddRows(
                    x[0].graph().constant("indices", constant), tableRows), List.of(values(d, m, d.dimension())));
        }));
        cases.add(unary("step", Node::step));
        cases.add(unary("maxMask (all)", x -> x.maxMask()));
        cases.add(unary("maxMask (each row)", x -> x.maxMask(Axis.EACH_ROW)));
        cases.add(unary("maxMask (each column)", x -> x.maxMask(Axis.EACH_COLUMN)));
        return cases;
    }

    private static List<OperationCase> mathCases() {
        return List.of(
                unary("pow (p = 3)", x -> x.pow(3)),
                OperationCase.unary("pow (p = 0.5)", x -> x.pow(0.5), 0.1, SPREAD),
                OperationCase.unary("pow (p = -1.5)", x -> x.pow(-1.5), 0.1, SPREAD),
                OperationCase.unary("sqrt", Node::sqrt, 0.1, SPREAD),
                unary("abs", Node::abs),
                unary("square", Node::square),
                unary("max (all)", x -> x.max()),
                unary("max (each row)", x -> x.max(Axis.EACH_ROW)),
                unary("max (each column)", x -> x.max(Axis.EACH_COLUMN)),
                unary("logSoftmax (each row)", x -> x.logSoftmax(Axis.EACH_ROW)),
                unary("logSoftmax (each column)", x -> x.logSoftmax(Axis.EACH_COLUMN)));
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
