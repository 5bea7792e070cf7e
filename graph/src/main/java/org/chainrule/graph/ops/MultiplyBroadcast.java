package org.chainrule.graph.ops;

import java.util.List;
import org.chainrule.core.Broadcast;
import org.chainrule.core.Shape;
import org.chainrule.graph.Operation;
import org.ejml.data.DMatrixRMaj;

/**
 * Element-wise product with broadcasting, {@code C = A * B}, the shapes as for
 * {@link AddBroadcast}. Multiplying a node by itself ({@code x.mul(x)}) is the classic test
 * of the chain rule's sum over paths: both arguments are the same node, which receives
 * {@code dC * x} twice.
 *
 * <p>VJP: {@code dA = dC * B}, {@code dB = dC * A}, in the output's shape (the engine sums a
 * broadcast operand's back).
 */
public final class MultiplyBroadcast implements Operation {
    /** The one instance; the operation has no state. */
    public static final MultiplyBroadcast INSTANCE = new MultiplyBroadcast();

    private MultiplyBroadcast() {
    }

    @Override
    public String name() {
        return "multiply";
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    public Shape outputShape(List<Shape> in) {
        return Broadcast.resultShape(name(), in.get(0), in.get(1));
    }

    @Override
    public boolean broadcastsInputs() {
        return true;
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj c) {
        Broadcast.multiply(in[0], in[1], c);
    }

    @Override
    public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj c, DMatrixRMaj dc, DMatrixRMaj gradient, boolean add) {
        if (add) {
            Broadcast.multiplyAdd(dc, in[1 - input], gradient);
        } else {
            Broadcast.multiply(dc, in[1 - input], gradient);
        }
    }

    @Override
    public String localDerivative(int input) {
        return input == 0 ? "{in1}" : "{in0}";
    }
}
