package org.chainrule.graph.ops;

import org.chainrule.core.Broadcast;
import org.chainrule.graph.BroadcastingOperation;
import org.chainrule.graph.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * Addition with broadcasting, {@code C = A + B}: same shapes, a {@code 1xn} row repeated over
 * the rows of an {@code mxn} matrix, an {@code mx1} column repeated over its columns, or a
 * {@code 1x1} scalar over anything, in either order (see {@link Broadcast}).
 *
 * <p>VJP: {@code dA = dC} and {@code dB = dC}, in the output's shape; the engine sums each
 * back over the axis it was repeated along (row sums for a column bias, column sums for a
 * row bias).
 */
public final class AddBroadcast extends BroadcastingOperation {
    /** The one instance; the operation has no state. */
    public static final AddBroadcast INSTANCE = new AddBroadcast();

    private AddBroadcast() {
        super("add");
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj c) {
        Broadcast.add(in[0], in[1], c);
    }

    @Override
    public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj c, DMatrixRMaj dc, DMatrixRMaj gradient) {
        gradient.setTo(dc);
    }

    @Override
    public String localDerivative(int input) {
        return "1";
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /** {@code dA = dB = G} (in the output's shape; the engine sums a repeated operand back). */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        return g;
    }
}
