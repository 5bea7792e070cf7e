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

    private final Broadcast.ElementFunction function;
    private final Broadcast.ElementFunction[] partials;

    private BinaryElementwiseOperation(String name, DoubleBinaryOperator f, Partial dfda, Partial dfdb) {
        super(name);
        this.function = (a, b, y) -> f.applyAsDouble(a, b);
        this.partials = new Broadcast.ElementFunction[] {dfda::at, dfdb::at};
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
        return new BinaryElementwiseOperation(name, f, dfda, dfdb);
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
