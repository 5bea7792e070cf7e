package org.chainrule.nn.ops;

import org.chainrule.core.ChainruleException;
import org.chainrule.core.Elementwise;
import org.chainrule.core.Tensor;
import org.chainrule.graph.ElementwiseOperation;
import org.chainrule.graph.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * Leaky rectified linear unit, element-wise: {@code r = max(f a, a)} for a small slope
 * {@code 0 <= f < 1} (0.01 by default in {@link org.chainrule.nn.Activation#LEAKY_RELU}).
 * Unlike relu it never stops passing gradient, so a unit whose inputs all turn negative
 * can still recover (no "dead relu").
 *
 * <p>VJP: {@code da = dr} where {@code a > 0}, else {@code f dr} (at {@code a = 0} the
 * derivative is taken as {@code f}, matching relu's choice of the left side).
 */
public final class LeakyRelu extends ElementwiseOperation {
    private final double slope;

    /**
     * A leaky relu with negative-side slope {@code f}.
     *
     * @param slope {@code f}, in {@code [0, 1)}; 0 gives plain relu.
     * @throws ChainruleException if the slope is outside {@code [0, 1)} (for {@code f > 1}
     *     {@code max(f a, a)} is no longer a leaky relu).
     */
    public LeakyRelu(double slope) {
        super("leakyRelu(" + Tensor.format(slope) + ")", "1 if {in0} > 0, else " + Tensor.format(slope),
                (a, r) -> Elementwise.leakyRelu(slope, a, r),
                (a, r, dr, da) -> Elementwise.leakyReluBackward(slope, a, dr, da));
        if (!(slope >= 0 && slope < 1)) {
            throw new ChainruleException("leaky relu: slope must lie in [0, 1), got " + slope);
        }
        this.slope = slope;
    }

    /**
     * The negative-side slope.
     *
     * @return {@code f}.
     */
    public double slope() {
        return slope;
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

    /** {@code da = G (f + (1 - f) step(a))}: {@code G} where {@code a > 0}, else {@code f G}. */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        return g.scale(slope).add(g.mul(inputs[0].step()).scale(1 - slope));
    }
}
