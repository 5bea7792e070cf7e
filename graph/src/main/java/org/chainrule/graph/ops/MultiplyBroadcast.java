package org.chainrule.graph.ops;

import org.chainrule.core.Broadcast;
import org.chainrule.graph.BroadcastingOperation;
import org.chainrule.graph.Node;
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
public final class MultiplyBroadcast extends BroadcastingOperation {
    /** The one instance; the operation has no state. */
    public static final MultiplyBroadcast INSTANCE = new MultiplyBroadcast();

    private MultiplyBroadcast() {
        super("multiply");
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj c) {
        Broadcast.multiply(in[0], in[1], c);
    }

    @Override
    public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj c, DMatrixRMaj dc, DMatrixRMaj gradient) {
        Broadcast.multiply(dc, in[1 - input], gradient);
    }

    @Override
    public String localDerivative(int input) {
        return input == 0 ? "{in1}" : "{in0}";
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /** {@code dA = G * B}, {@code dB = G * A}. */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        return g.mul(inputs[1 - input]);
    }
}
