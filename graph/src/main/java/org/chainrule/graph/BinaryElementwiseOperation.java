package org.chainrule.graph;

import java.util.function.DoubleBinaryOperator;
import org.chainrule.core.Broadcast;
import org.chainrule.core.ChainruleException;
import org.ejml.data.DMatrixRMaj;

/**
 * An element-wise operation {@code y = f(a, b)} of two inputs that broadcasts as {@code add}
 * does: the two-input counterpart of {@link ElementwiseOperation#of}, a user's own operation
 * in one line from its function and its two partial derivatives:
 * <pre>{@code
 * Operation op = BinaryElementwiseOperation.of("a b + sin a",
 *         (a, b) -> a * b + Math.sin(a),     // f(a, b)
 *         (a, b, y) -> b + Math.cos(a),      // df/da, given a, b and y = f(a, b)
 *         (a, b, y) -> a);                   // df/db
 * Node out = graph.apply(op, left, right);
 * }</pre>
 *
 * <p>VJP: {@code dA = dC * df/da(a, b, y)} and {@code dB = dC * df/db(a, b, y)}, element by
 * element in the output's shape (the engine sums a broadcast operand's back). The functions
 * are called once per element; the built-in binary operations have loops of their own.
 */
public final class BinaryElementwiseOperation extends BroadcastingOperation {
    /** A partial derivative of {@code y = f(a, b)} at one element. */
    @FunctionalInterface
    public interface Partial {
        /**
         * The partial derivative at one element.
         *
         * @param a the left input's element.
         * @param b the right input's element.
         * @param y the output's element, {@code f(a, b)}.
         * @return {@code df/da} or {@code df/db} there.
         */
        double at(double a, double b, double y);
    }

    /** A partial derivative as a graph function, for derivatives of higher order. */
    @FunctionalInterface
    public interface GraphPartial {
        /**
         * Records the partial derivative from the nodes.
         *
         * @param a the left input node.
         * @param b the right input node.
         * @param y the output node, {@code f(a, b)}.
         * @return {@code df/da} or {@code df/db} as a node, in the output's shape (or one that
         *     broadcasts to it).
         */
        Node of(Node a, Node b, Node y);
    }

    private final Broadcast.ElementFunction function;
    private final Broadcast.ElementFunction[] partials;
    /** The partials as graph functions, or null: first order only. */
    private final GraphPartial[] graphPartials;
    private final String[] formulas;

    private BinaryElementwiseOperation(String name, DoubleBinaryOperator f, Partial dfda, Partial dfdb,
                                       GraphPartial[] graphPartials, String[] formulas) {
        super(name);
        this.function = (a, b, y) -> f.applyAsDouble(a, b);
        this.partials = new Broadcast.ElementFunction[] {dfda::at, dfdb::at};
        this.graphPartials = graphPartials;
        this.formulas = formulas;
    }

    /**
     * An element-wise operation of two inputs from its function and partial derivatives.
     *
     * @param name the name shown in traces and error messages.
     * @param f the function, applied to every pair of (broadcast) elements.
     * @param dfda its partial derivative in the left input, given {@code (a, b, y)}.
     * @param dfdb its partial derivative in the right input, given {@code (a, b, y)}.
     * @return the operation; record it with {@link Graph#apply(Operation, Node...)}.
     * @throws ChainruleException if an argument is null.
     */
    public static BinaryElementwiseOperation of(String name, DoubleBinaryOperator f, Partial dfda, Partial dfdb) {
        ChainruleException.requireNonNull(name, "BinaryElementwiseOperation.of: name");
        ChainruleException.requireNonNull(f, "BinaryElementwiseOperation.of: function");
        ChainruleException.requireNonNull(dfda, "BinaryElementwiseOperation.of: df/da");
        ChainruleException.requireNonNull(dfdb, "BinaryElementwiseOperation.of: df/db");
        return new BinaryElementwiseOperation(name, f, dfda, dfdb, null, new String[] {"", ""});
    }

    /**
     * Starts building an element-wise operation of two inputs that broadcast: its function and
     * partial derivatives on doubles, and optionally formulas for traces and the partials as graph
     * functions, which let derivatives of any order be taken through it.
     * <pre>{@code
     * BinaryElementwiseOperation hypot = BinaryElementwiseOperation.builder("hypot")
     *         .function(Math::hypot)
     *         .partials((a, b, y) -> a / y, (a, b, y) -> b / y)
     *         .graphPartials((a, b, y) -> a.div(y), (a, b, y) -> b.div(y))
     *         .build();
     * }</pre>
     *
     * @param name the name shown in traces and error messages.
     * @return the builder.
     * @throws ChainruleException if {@code name} is null.
     */
    public static Builder builder(String name) {
        return new Builder(ChainruleException.requireNonNull(name, "BinaryElementwiseOperation.builder: name"));
    }

    /** Builds an element-wise operation of two inputs (see {@link #builder}). Used by one thread. */
    public static final class Builder {
        private final String name;
        private DoubleBinaryOperator function;
        private Partial dfda;
        private Partial dfdb;
        private GraphPartial[] graphPartials;
        private String[] formulas = {"", ""};

        private Builder(String name) {
            this.name = name;
        }

        /**
         * The forward rule, {@code f}, applied to every pair of (broadcast) elements.
         *
         * @param f the function.
         * @return this builder.
         * @throws ChainruleException if {@code f} is null.
         */
        public Builder function(DoubleBinaryOperator f) {
            this.function = ChainruleException.requireNonNull(f, name + ": function");
            return this;
        }

        /**
         * The partial derivatives on doubles, given {@code (a, b, y)}.
         *
         * @param da {@code df/da}.
         * @param db {@code df/db}.
         * @return this builder.
         * @throws ChainruleException if a partial is null.
         */
        public Builder partials(Partial da, Partial db) {
            this.dfda = ChainruleException.requireNonNull(da, name + ": df/da");
            this.dfdb = ChainruleException.requireNonNull(db, name + ": df/db");
            return this;
        }

        /**
         * The local derivatives as formulas for traces, over {@code {in0}}, {@code {in1}} and {@code {out}}.
         *
         * @param da the formula of {@code df/da}.
         * @param db the formula of {@code df/db}.
         * @return this builder.
         * @throws ChainruleException if a formula is null.
         */
        public Builder formulas(String da, String db) {
            this.formulas = new String[] {ChainruleException.requireNonNull(da, name + ": formula of df/da"),
                ChainruleException.requireNonNull(db, name + ": formula of df/db")};
            return this;
        }

        /**
         * The partial derivatives as graph functions: the operation's graph rule is then
         * {@code G * df/da} and {@code G * df/db}, so derivatives of any order can be taken
         * through it. Without them the operation is first-order only.
         *
         * @param da {@code df/da} from the nodes.
         * @param db {@code df/db} from the nodes.
         * @return this builder.
         * @throws ChainruleException if a partial is null.
         */
        public Builder graphPartials(GraphPartial da, GraphPartial db) {
            this.graphPartials = new GraphPartial[] {ChainruleException.requireNonNull(da, name + ": graph df/da"),
                ChainruleException.requireNonNull(db, name + ": graph df/db")};
            return this;
        }

        /**
         * The operation.
         *
         * @return it; record it with {@link Graph#apply(Operation, Node...)}.
         * @throws ChainruleException if the function or the partials are missing.
         */
        public BinaryElementwiseOperation build() {
            if (function == null || dfda == null || dfdb == null) {
                throw new ChainruleException(name + ": an element-wise operation of two inputs needs its function and"
                        + " its partial derivatives (builder(name).function(f).partials(da, db))");
            }
            return new BinaryElementwiseOperation(name, function, dfda, dfdb, graphPartials, formulas);
        }
    }

    @Override
    public boolean hasVjpGraph() {
        return graphPartials != null;
    }

    /** {@code G * df/d(input)}, in the output's shape (the engine sums a broadcast input back). */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node outputGradient) {
        if (graphPartials == null) {
            return super.vjpGraph(input, inputs, output, outputGradient);
        }
        Node partial = graphPartials[input].of(inputs[0], inputs[1], output);
        return outputGradient.mul(partial.shape().equals(output.shape()) ? partial
                : partial.expand(output.shape().rows(), output.shape().cols()));
    }

    @Override
    public String localDerivative(int input) {
        return formulas[input];
    }

    @Override
    public void forward(DMatrixRMaj[] inputs, DMatrixRMaj out) {
        Broadcast.apply(inputs[0], inputs[1], function, out);
    }

    @Override
    public void vjp(int input, DMatrixRMaj[] inputs, DMatrixRMaj output, DMatrixRMaj outputGradient,
                    DMatrixRMaj gradient) {
        Broadcast.applyBackward(inputs[0], inputs[1], output, outputGradient, partials[input], gradient);
    }
}
