package org.chainrule.graph.ops;

import org.chainrule.core.Broadcast;
import org.chainrule.graph.BroadcastingOperation;
import org.chainrule.graph.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * Element-wise maximum or minimum with broadcasting, {@code C = max(A, B)} or
 * {@code C = min(A, B)}, the shapes as for {@link AddBroadcast}; NaN if either element is NaN.
 *
 * <p>VJP, for the maximum: {@code dA = dC} where {@code A >= B}, else 0; {@code dB = dC} where
 * {@code A < B}, else 0 (for the minimum, {@code A <= B} and {@code A > B}), in the output's
 * shape. On a tie ({@code A = B}) the whole gradient goes to the left operand {@code A} and
 * {@code B} gets 0, so the rule is deterministic. A tie is a kink: each element lies
 * {@code |A - B|} from one (for a broadcast operand's element, the smallest gap over the output
 * elements it feeds).
 */
public final class Extremum extends BroadcastingOperation {
    /** {@code max(A, B)}. */
    public static final Extremum MAXIMUM = new Extremum(true);
    /** {@code min(A, B)}. */
    public static final Extremum MINIMUM = new Extremum(false);

    private final boolean maximum;

    private Extremum(boolean maximum) {
        super(maximum ? "maximum" : "minimum");
        this.maximum = maximum;
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj c) {
        if (maximum) {
            Broadcast.maximum(in[0], in[1], c);
        } else {
            Broadcast.minimum(in[0], in[1], c);
        }
    }

    @Override
    public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj c, DMatrixRMaj dc, DMatrixRMaj gradient) {
        if (maximum) {
            Broadcast.maximumBackward(input, in[0], in[1], dc, gradient);
        } else {
            Broadcast.minimumBackward(input, in[0], in[1], dc, gradient);
        }
    }

    @Override
    public String localDerivative(int input) {
        String left = maximum ? ">=" : "<=";
        String right = maximum ? "<" : ">";
        return "1 if {in0} " + (input == 0 ? left : right) + " {in1}, else 0";
    }

    @Override
    public double distanceToKink(int input, DMatrixRMaj[] inputs, int element) {
        return Broadcast.smallestGap(input, inputs[0], inputs[1], element);
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /**
     * The gradient to the larger (maximum) or smaller (minimum) operand, a tie to the first:
     * with the mask {@code d = [B > A]} (maximum) or {@code [B < A]} (minimum), an operation
     * ({@code step}), {@code dB = G * d} and {@code dA = G - G * d}.
     */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        Node toSecond = (maximum ? inputs[1].sub(inputs[0]) : inputs[0].sub(inputs[1])).step();
        Node second = g.mul(toSecond);
        return input == 1 ? second : g.sub(second);
    }
}
