package org.chainrule.graph.ops;

import org.chainrule.core.Elementwise;
import org.chainrule.graph.ElementwiseOperation;
import org.chainrule.graph.Node;

/**
 * Exponential, element-wise: {@code y = e^x}.
 *
 * <p>VJP: {@code dx = dy * e^x = dy * y}, read from the output.
 */
public final class Exp extends ElementwiseOperation {
    /** The one instance; the operation has no state. */
    public static final Exp INSTANCE = new Exp();

    private Exp() {
        super("exp", "{out}", Elementwise::exp,
                (x, y, dy, dx) -> Elementwise.multiply(dy, y, dx));
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /** {@code dx = G y}, with {@code y} the output node. */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        return g.mul(output);
    }
}
