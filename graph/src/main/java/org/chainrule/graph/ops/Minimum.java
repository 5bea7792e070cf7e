package org.chainrule.graph.ops;

import org.chainrule.core.Broadcast;
import org.chainrule.graph.BroadcastingOperation;
import org.ejml.data.DMatrixRMaj;

/**
 * Element-wise minimum with broadcasting, {@code C = min(A, B)}, the shapes as for
 * {@link AddBroadcast}; NaN if either element is NaN.
 *
 * <p>VJP: {@code dA = dC} where {@code A <= B}, else 0; {@code dB = dC} where {@code A > B},
 * else 0, in the output's shape. As for {@link Maximum}, a tie gives the whole gradient to the
 * left operand {@code A}, and each element lies {@code |A - B|} from that kink.
 */
public final class Minimum extends BroadcastingOperation {
    /** The one instance; the operation has no state. */
    public static final Minimum INSTANCE = new Minimum();

    private Minimum() {
        super("minimum");
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj c) {
        Broadcast.minimum(in[0], in[1], c);
    }

    @Override
    public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj c, DMatrixRMaj dc, DMatrixRMaj gradient, boolean add) {
        Broadcast.minimumBackward(input, in[0], in[1], dc, gradient, add);
    }

    @Override
    public String localDerivative(int input) {
        return input == 0 ? "1 if {in0} <= {in1}, else 0" : "1 if {in0} > {in1}, else 0";
    }

    @Override
    public double distanceToKink(int input, DMatrixRMaj[] inputs, int element) {
        return Broadcast.smallestGap(input, inputs[0], inputs[1], element);
    }
}
