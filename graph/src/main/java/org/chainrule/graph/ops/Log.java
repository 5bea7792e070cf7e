package org.chainrule.graph.ops;

import org.chainrule.core.Elementwise;
import org.chainrule.graph.ElementwiseOperation;
import org.chainrule.graph.Node;

/**
 * Natural logarithm, element-wise: {@code y = ln x}. {@code ln 0 = -infinity} and the log of
 * a negative number is NaN, exactly as {@link Math#log}; to take the log of a softmax, prefer
 * a fused log-softmax (log-sum-exp), which never meets {@code ln 0}.
 *
 * <p>VJP: {@code dx = dy / x}.
 */
public final class Log extends ElementwiseOperation {
    /** The one instance; the operation has no state. */
    public static final Log INSTANCE = new Log();

    private Log() {
        super("log", "1 / {in0}", Elementwise::log,
                (x, y, dy, dx) -> Elementwise.divide(dy, x, dx));
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /** {@code dx = G / x}. */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        return g.div(inputs[0]);
    }
}
