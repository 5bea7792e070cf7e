package org.chainrule.graph.ops;

import java.util.List;
import org.chainrule.core.Broadcast;
import org.chainrule.core.Shape;
import org.chainrule.graph.Operation;
import org.ejml.data.DMatrixRMaj;

/**
 * Element-wise (Hadamard) product with broadcasting, {@code C = A * B}, under the same shape
 * rules as {@link AddBroadcast}.
 *
 * <p>VJP: {@code dA = dC * B} and {@code dB = dC * A}, in the output's shape; the engine sums
 * back over any broadcast axis. {@code z * z} thus gets {@code 2 z dC} from its two edges.
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

    /** Takes two inputs. */
    @Override
    public int arity() {
        return 2;
    }

    @Override
    public Shape outputShape(List<Shape> in) {
        return Broadcast.resultShape(name(), in.get(0), in.get(1));
    }

    /** {@code C = A * B} element by element. */
    @Override
    public DMatrixRMaj forward(DMatrixRMaj[] in) {
        return Broadcast.multiply(in[0], in[1], null);
    }

    @Override
    public void forwardInto(DMatrixRMaj[] in, DMatrixRMaj out) {
        Broadcast.multiply(in[0], in[1], out);
    }

    /** {@code dA = dC * B}; {@code dB = dC * A}. */
    @Override
    public DMatrixRMaj vjp(int input, DMatrixRMaj[] in, DMatrixRMaj out, DMatrixRMaj g, DMatrixRMaj into) {
        return Broadcast.multiply(g, in[1 - input], into);
    }

    @Override
    public String localDerivative(int input) {
        return input == 0 ? "B" : "A";
    }
}
