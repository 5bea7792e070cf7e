package org.chainrule.graph.ops;

import org.chainrule.core.Elementwise;
import org.chainrule.graph.ElementwiseOperation;
import org.chainrule.graph.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * Absolute value, element-wise: {@code y = |x|}.
 *
 * <p>VJP: {@code dx = dy * sign(x)}. At the kink {@code x = 0} the derivative is taken as 0
 * (the middle of the subgradient {@code [-1, 1]}), as in PyTorch.
 */
public final class Abs extends ElementwiseOperation {
    /** The one instance; the operation has no state. */
    public static final Abs INSTANCE = new Abs();

    private Abs() {
        super("abs", "sign({in0})", Elementwise::abs,
                (x, y, dy, dx) -> Elementwise.absBackward(x, dy, dx));
    }

    /** The kink is at {@code x = 0}. */
    @Override
    public double distanceToKink(int input, DMatrixRMaj[] inputs, int element) {
        return Math.abs(inputs[0].data[element]);
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /** {@code dx = G sign(x)}, {@code sign(x) = step(x) - step(-x)} (0 at 0, as the buffer rule). */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        Node x = inputs[0];
        return g.mul(x.step().sub(x.neg().step()));
    }
}
