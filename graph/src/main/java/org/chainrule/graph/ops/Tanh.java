package org.chainrule.graph.ops;

import org.chainrule.core.Elementwise;
import org.chainrule.graph.ElementwiseOperation;
import org.chainrule.graph.Node;

/**
 * Hyperbolic tangent, element-wise: {@code t = tanh(a)}.
 *
 * <p>VJP: {@code da = dt * (1 - t^2)}, read from the output.
 */
public final class Tanh extends ElementwiseOperation {
    /** The one instance; the operation has no state. */
    public static final Tanh INSTANCE = new Tanh();

    private Tanh() {
        super("tanh", "1 - {out}^2", Elementwise::tanh,
                (a, t, dt, da) -> Elementwise.tanhBackward(t, dt, da));
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /** {@code dx = G - G t^2}, with {@code t} the output node. */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        return g.sub(g.mul(output.square()));
    }
}
