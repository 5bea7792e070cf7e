package org.chainrule.graph.ops;

import org.chainrule.core.Broadcast;
import org.chainrule.graph.BroadcastingOperation;
import org.ejml.data.DMatrixRMaj;

/**
 * Element-wise maximum with broadcasting, {@code C = max(A, B)}, the shapes as for
 * {@link AddBroadcast}; NaN if either element is NaN.
 *
 * <p>VJP: {@code dA = dC} where {@code A >= B}, else 0; {@code dB = dC} where {@code A < B},
 * else 0, in the output's shape. On a tie ({@code A = B}) the whole gradient goes to the left
 * operand {@code A} and {@code B} gets 0, so the rule is deterministic. A tie is a kink: each
 * element lies {@code |A - B|} from one (for a broadcast operand's element, the smallest gap
 * over the output elements it feeds).
 */
public final class Maximum extends BroadcastingOperation {
    /** The one instance; the operation has no state. */
    public static final Maximum INSTANCE = new Maximum();

    private Maximum() {
        super("maximum");
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj c) {
        Broadcast.maximum(in[0], in[1], c);
    }

    @Override
    public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj c, DMatrixRMaj dc, DMatrixRMaj gradient, boolean add) {
        Broadcast.maximumBackward(input, in[0], in[1], dc, gradient, add);
    }

    @Override
    public String localDerivative(int input) {
        return input == 0 ? "1 if {in0} >= {in1}, else 0" : "1 if {in0} < {in1}, else 0";
    }

    @Override
    public double distanceToKink(int input, DMatrixRMaj[] inputs, int element) {
        return Broadcast.smallestGap(input, inputs[0], inputs[1], element);
    }
}
