package org.chainrule.graph.ops;

import org.chainrule.core.Elementwise;
import org.chainrule.graph.ElementwiseOperation;
import org.chainrule.graph.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * Rectified linear unit, element-wise: {@code r = max(0, a)}.
 *
 * <p>VJP: {@code da = dr} where {@code a > 0}, else 0. At the kink {@code a = 0} the
 * derivative is taken as 0, as in PyTorch and micrograd.
 */
public final class Relu extends ElementwiseOperation {
    /** The one instance; the operation has no state. */
    public static final Relu INSTANCE = new Relu();

    private Relu() {
        super("relu", "[{in0} > 0]", Elementwise::relu,
                (a, r, dr, da) -> Elementwise.reluBackward(a, dr, da));
    }

    /** The kink is at {@code a = 0}. */
    @Override
    public double distanceToKink(int input, DMatrixRMaj[] inputs, int element) {
        return Math.abs(inputs[0].data[element]);
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /** {@code dx = G step(x)}: the mask is an operation, so its own derivative (0) is taken too. */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        return g.mul(inputs[0].step());
    }
}
