package org.chainrule.graph.ops;

import org.chainrule.core.Elementwise;
import org.chainrule.graph.ElementwiseOperation;
import org.chainrule.graph.Node;

/**
 * Square root, element-wise: {@code y = sqrt(x)}, NaN for a negative {@code x}.
 *
 * <p>VJP: {@code dx = dy / (2 y)}, read from the output (infinite at {@code x = 0}, where the
 * slope is vertical: keep inputs positive).
 */
public final class Sqrt extends ElementwiseOperation {
    /** The one instance; the operation has no state. */
    public static final Sqrt INSTANCE = new Sqrt();

    private Sqrt() {
        super("sqrt", "1 / (2 {out})", Elementwise::sqrt,
                (x, y, dy, dx) -> Elementwise.sqrtBackward(y, dy, dx));
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /** {@code dx = G / (2 y)}, with {@code y} the output node. */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        return g.div(output.scale(2));
    }
}
