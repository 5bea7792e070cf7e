package org.chainrule.graph;

import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.chainrule.core.Shape;
import org.chainrule.core.ChainruleException;
import org.ejml.data.DMatrixRMaj;

/**
 * A user-defined element-wise operation {@code y = f(x)} built from two scalar functions,
 * for the most common kind of custom operation (an activation) without writing the
 * {@link Operation} buffers by hand:
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
 * <p>An operation of any other form (several inputs, shape changes, coupled elements as in
 * softmax) implements {@link Operation} directly.
 */
public final class ElementwiseOperation implements Operation {
    private final String name;
    private final DoubleUnaryOperator function;
    private final DoubleBinaryOperator derivative;

    private ElementwiseOperation(String name, DoubleUnaryOperator function, DoubleBinaryOperator derivative) {
        this.name = ChainruleException.requireNonNull(name, "ElementwiseOperation.of: name");
        this.function = ChainruleException.requireNonNull(function, "ElementwiseOperation.of: function");
        this.derivative = ChainruleException.requireNonNull(derivative, "ElementwiseOperation.of: derivative");
    }

    /**
     * An element-wise operation.
     *
     * @param name the name shown in traces and error messages.
     * @param function {@code f}, applied to every element.
     * @param derivative {@code f'}, given {@code (x, y)} with {@code y = f(x)}.
     * @return the operation; record it with {@link Graph#apply(Operation, Node...)}.
     * @throws ChainruleException if an argument is null.
     */
    public static ElementwiseOperation of(String name, DoubleUnaryOperator function, DoubleBinaryOperator derivative) {
        return new ElementwiseOperation(name, function, derivative);
    }

    @Override
    public String name() {
        return name;
    }

    /** Takes one input. */
    @Override
    public int arity() {
        return 1;
    }

    /** The input's shape. */
    @Override
    public Shape outputShape(List<Shape> inputs) {
        return inputs.get(0);
    }

    /** {@code y = f(x)} element by element. */
    @Override
    public DMatrixRMaj forward(DMatrixRMaj[] inputs) {
        DMatrixRMaj y = new DMatrixRMaj(inputs[0].numRows, inputs[0].numCols);
        forwardInto(inputs, y);
        return y;
    }

    @Override
    public void forwardInto(DMatrixRMaj[] inputs, DMatrixRMaj out) {
        DMatrixRMaj x = inputs[0];
        for (int i = 0; i < x.getNumElements(); i++) {
            out.data[i] = function.applyAsDouble(x.data[i]);
        }
    }

    /** {@code dx = dy * f'(x)} element by element. */
    @Override
    public DMatrixRMaj vjp(int input, DMatrixRMaj[] inputs, DMatrixRMaj output, DMatrixRMaj outputGradient,
                           DMatrixRMaj into) {
        DMatrixRMaj x = inputs[0];
        into.reshape(x.numRows, x.numCols);
        for (int i = 0; i < x.getNumElements(); i++) {
            into.data[i] = outputGradient.data[i] * derivative.applyAsDouble(x.data[i], output.data[i]);
        }
        return into;
    }

    @Override
    public String toString() {
        return "ElementwiseOperation " + name;
    }
}
