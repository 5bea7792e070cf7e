package org.chainrule.graph;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Elementwise;
import org.chainrule.core.Shape;
import org.ejml.data.DMatrixRMaj;

/**
 * An element-wise operation {@code y = f(x)} of one input: the base of the built-in
 * activations, and the one-liner for a user's own. An operation is its name, its forward
 * rule, its derivative (which writes {@code dx}) and its formula, handed to the
 * constructor; the arity and the shape rule (the output has the input's shape) live here.
 * Sigmoid, for example, is
 * <pre>{@code
 * super("sigmoid", "{out} (1 - {out})", Elementwise::sigmoid,
 *         (a, s, ds, da) -> Elementwise.sigmoidBackward(s, ds, da));
 * }</pre>
 *
 * <p>A user's own activation needs no subclass, just two scalar functions:
 * <pre>{@code
 * Operation softplus = ElementwiseOperation.of("softplus",
 *         x -> Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),   // f(x)
 *         (x, y) -> 1 / (1 + Math.exp(-x)));                          // f'(x), given x and y = f(x)
 * Node out = graph.apply(softplus, node);
 * }</pre>
 *
 * <p>VJP: {@code dx = dy * f'(x)}, element by element. The derivative receives both the input
 * {@code x} and the output {@code y = f(x)}, so rules written in terms of the output
 * ({@code s (1 - s)} for sigmoid, {@code 1 - t^2} for tanh) need not recompute it.
 *
 * <p>For a function of two inputs that broadcasts as {@code add} does, use
 * {@link BinaryElementwiseOperation#of}. An operation of any other form (shape changes,
 * coupled elements as in softmax) implements {@link Operation} directly or extends
 * {@link NamedOperation}.
 */
public abstract class ElementwiseOperation extends NamedOperation {
    /** A forward rule over whole matrices: {@code y = f(x)}, element by element. */
    @FunctionalInterface
    public interface Rule {
        /**
         * Writes {@code y = f(x)}.
         *
         * @param x the input. Not modified.
         * @param y the output, shaped like {@code x}, holding stale values. Modified.
         */
        void apply(DMatrixRMaj x, DMatrixRMaj y);
    }

    /** A derivative over whole matrices: {@code dx = dy * f'(x)}, element by element. */
    @FunctionalInterface
    public interface Derivative {
        /**
         * Writes {@code dy * f'(x)} into every element of {@code dx}, never reading what it held.
         *
         * @param x the input. Not modified.
         * @param y the output {@code f(x)}. Not modified.
         * @param dy the gradient arriving at the output. Not modified.
         * @param dx the input's gradient, shaped like {@code x}, holding stale values. Modified.
         */
        void apply(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj dx);
    }

    private final String formula;
    private final Rule rule;
    private final Derivative derivative;

    /**
     * An element-wise operation.
     *
     * @param name the name shown in traces and error messages.
     * @param formula the local derivative as a {@link #localDerivative template}, or "".
     * @param rule the forward rule.
     * @param derivative its derivative.
     * @throws ChainruleException if an argument is null.
     */
    protected ElementwiseOperation(String name, String formula, Rule rule, Derivative derivative) {
        super(name, 1);
        this.formula = ChainruleException.requireNonNull(formula, name, "formula");
        this.rule = ChainruleException.requireNonNull(rule, name, "forward rule");
        this.derivative = ChainruleException.requireNonNull(derivative, name, "derivative");
    }

    /**
     * An element-wise operation from two scalar functions.
     *
     * @param name the name shown in traces and error messages.
     * @param function {@code f}, applied to every element.
     * @param derivative {@code f'}, given {@code (x, y)} with {@code y = f(x)}.
     * @return the operation; record it with {@link Graph#apply(Operation, Node...)}.
     * @throws ChainruleException if an argument is null.
     */
    public static ElementwiseOperation of(String name, DoubleUnaryOperator function, DoubleBinaryOperator derivative) {
        ChainruleException.requireNonNull(name, "ElementwiseOperation.of: name");
        ChainruleException.requireNonNull(function, "ElementwiseOperation.of: function");
        ChainruleException.requireNonNull(derivative, "ElementwiseOperation.of: derivative");
        return new ElementwiseOperation(name, "", (x, y) -> {
            for (int i = 0; i < x.getNumElements(); i++) {
                y.data[i] = function.applyAsDouble(x.data[i]);
            }
        }, (x, y, dy, dx) -> {
            for (int i = 0; i < x.getNumElements(); i++) {
                dx.data[i] = dy.data[i] * derivative.applyAsDouble(x.data[i], y.data[i]);
            }
        }) { };
    }

    /**
     * Starts building an element-wise operation of one input: its forward rule and derivative on
     * doubles, and optionally a formula for traces and its derivative as a graph function, which
     * lets derivatives of any order be taken through it.
     * <pre>{@code
     * ElementwiseOperation softplus = ElementwiseOperation.builder("softplus")
     *         .function(x -> Math.log1p(Math.exp(x)))
     *         .derivative((x, y) -> 1 / (1 + Math.exp(-x)))
     *         .formula("sigmoid({in0})")
     *         .graphDerivative((x, y) -> x.sigmoid())      // f'(x) as a node: second derivatives work
     *         .build();
     * }</pre>
     *
     * @param name the name shown in traces and error messages.
     * @return the builder.
     * @throws ChainruleException if {@code name} is null.
     */
    public static Builder builder(String name) {
        return new Builder(ChainruleException.requireNonNull(name, "ElementwiseOperation.builder: name"));
    }

    /** Builds an element-wise operation of one input (see {@link #builder}). Used by one thread. */
    public static final class Builder {
        private final String name;
        private DoubleUnaryOperator function;
        private DoubleBinaryOperator derivative;
        private String formula = "";
        private BiFunction<Node, Node, Node> graphDerivative;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * The forward rule, {@code f}, applied to every element.
         *
         * @param f the function.
         * @return this builder.
         * @throws ChainruleException if {@code f} is null.
         */
        public Builder function(DoubleUnaryOperator f) {
            this.function = ChainruleException.requireNonNull(f, name + ": function");
            return this;
        }

        /**
         * The derivative on doubles, {@code f'}, given {@code (x, y)} with {@code y = f(x)}.
         *
         * @param df the derivative.
         * @return this builder.
         * @throws ChainruleException if {@code df} is null.
         */
        public Builder derivative(DoubleBinaryOperator df) {
            this.derivative = ChainruleException.requireNonNull(df, name + ": derivative");
            return this;
        }

        /**
         * The local derivative as a formula for traces, over {@code {in0}} and {@code {out}}.
         *
         * @param text e.g. {@code "sigmoid({in0})"}.
         * @return this builder.
         * @throws ChainruleException if {@code text} is null.
         */
        public Builder formula(String text) {
            this.formula = ChainruleException.requireNonNull(text, name + ": formula");
            return this;
        }

        /**
         * The derivative as a graph function, {@code (x, y) -> f'(x)} recorded from the input node
         * {@code x} and the output node {@code y}, element-wise and shaped like {@code x}: the
         * operation's graph rule is then {@code G * f'(x)}, so derivatives of any order can be
         * taken through it. Without it the operation is first-order only.
         *
         * @param dfNode the derivative, from graph operations.
         * @return this builder.
         * @throws ChainruleException if {@code dfNode} is null.
         */
        public Builder graphDerivative(BiFunction<Node, Node, Node> dfNode) {
            this.graphDerivative = ChainruleException.requireNonNull(dfNode, name + ": graph derivative");
            return this;
        }

        /**
         * The operation.
         *
         * @return it; record it with {@link Graph#apply(Operation, Node...)}.
         * @throws ChainruleException if the function or the derivative is missing.
         */
        public ElementwiseOperation build() {
            if (function == null || derivative == null) {
                throw new ChainruleException(name + ": an element-wise operation needs its function and its derivative"
                        + " (builder(name).function(f).derivative(df))");
            }
            ElementwiseOperation plain = of(name, function, derivative);
            BiFunction<Node, Node, Node> graph = graphDerivative;
            return new ElementwiseOperation(name, formula, plain.rule, plain.derivative) {
                @Override
                public boolean hasVjpGraph() {
                    return graph != null;
                }

                @Override
                public Node vjpGraph(int input, Node[] inputs, Node output, Node outputGradient) {
                    if (graph == null) {
                        return super.vjpGraph(input, inputs, output, outputGradient);
                    }
                    return outputGradient.mul(graph.apply(inputs[0], output));
                }
            };
        }
    }

    @Override
    public final Shape outputShape(List<Shape> inputs) {
        return inputs.get(0);
    }

    @Override
    public final void forward(DMatrixRMaj[] inputs, DMatrixRMaj out) {
        rule.apply(inputs[0], out);
    }

    @Override
    public final void vjp(int input, DMatrixRMaj[] inputs, DMatrixRMaj output, DMatrixRMaj outputGradient,
                          DMatrixRMaj gradient) {
        derivative.apply(inputs[0], output, outputGradient, gradient);
    }

    @Override
    public final String localDerivative(int input) {
        return formula;
    }

    @Override
    public String toString() {
        return "ElementwiseOperation " + name();
    }
}
