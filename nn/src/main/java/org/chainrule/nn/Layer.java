package org.chainrule.nn;

import org.chainrule.graph.Node;

/**
 * A {@link Module} with one input: {@link Linear}, the {@link Activation}s, a
 * {@link Sequential} stack, or any single-input network of your own.
 *
 * <p>A layer need not be a stack. A residual block with a skip connection,
 * {@code y = x + tanh(x W + b)}, is a layer whose input reaches the output along two paths
 * (the backward pass adds both):
 * <pre>{@code
 * final class Residual implements Layer {
 *     private final Linear inner = new Linear("res", 4, 4, Init.GLOROT_UNIFORM, new Random(1));
 *
 *     public List<Parameter> parameters() {
 *         return inner.parameters();
 *     }
 *
 *     public Node apply(Node x) {
 *         return x.add(Activation.TANH.apply(inner.apply(x)));
 *     }
 * }
 * }</pre>
 */
public interface Layer extends Module {

    /**
     * Records this layer's computation on {@code input} in its graph.
     *
     * @param input the input node, examples as rows.
     * @return the output node.
     * @throws org.chainrule.core.ShapeMismatchException if the input's shape does not fit.
     */
    Node apply(Node input);

    /**
     * Applies the layer to its single input.
     *
     * @param inputs exactly one node.
     * @return the output node.
     * @throws org.chainrule.core.ChainruleException unless exactly one input is given.
     */
    @Override
    default Node apply(Node... inputs) {
        if (inputs == null || inputs.length != 1 || inputs[0] == null) {
            // the description is built only for the message: a training step passes here every time
            Module.requireInputs(toString(), 1, inputs);
        }
        return apply(inputs[0]);
    }
}
