package org.chainrule.graph.ops;

import org.chainrule.core.Elementwise;
import org.chainrule.graph.ElementwiseOperation;
import org.chainrule.graph.Node;

/**
 * Square, element-wise: {@code y = x^2}.
 *
 * <p>VJP: {@code dx = dy * 2x}.
 */
public final class Square extends ElementwiseOperation {
    /** The one instance; the operation has no state. */
    public static final Square INSTANCE = new Square();

    private Square() {
        super("square", "2 {in0}", Elementwise::square,
                (x, y, dy, dx) -> Elementwise.squareBackward(x, dy, dx));
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /** {@code dx = G 2x}. */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        return g.mul(inputs[0].scale(2));
    }
}
