package org.chainrule.graph.ops;

import org.chainrule.core.Elementwise;
import org.chainrule.graph.ElementwiseOperation;
import org.chainrule.graph.Node;

/**
 * Logistic sigmoid, element-wise: {@code s = 1 / (1 + e^-a)}.
 *
 * <p>VJP: {@code da = ds * s (1 - s)}, read from the output (its largest value is 0.25, at
 * {@code a = 0}: the root of vanishing gradients in deep sigmoid networks).
 */
public final class Sigmoid extends ElementwiseOperation {
    /** The one instance; the operation has no state. */
    public static final Sigmoid INSTANCE = new Sigmoid();

    private Sigmoid() {
        super("sigmoid", "{out} (1 - {out})", Elementwise::sigmoid,
                (a, s, ds, da) -> Elementwise.sigmoidBackward(s, ds, da));
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /** {@code dx = G (s - s^2)}, with {@code s} the output node. */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        return g.mul(output.sub(output.square()));
    }
}
