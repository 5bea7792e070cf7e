package org.chainrule.graph.ops;

import java.util.List;
import org.chainrule.core.Rearrange;
import org.chainrule.core.Shape;
import org.chainrule.graph.NamedOperation;
import org.chainrule.graph.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * Transpose, {@code Y = X^T}: {@code y_ji = x_ij}, an {@code m x n} input gives {@code n x m}.
 *
 * <p>VJP: {@code dX = dY^T}.
 */
public final class Transpose extends NamedOperation {
    /** The one instance; the operation has no state. */
    public static final Transpose INSTANCE = new Transpose();

    private Transpose() {
        super("transpose", 1);
    }

    @Override
    public Shape outputShape(List<Shape> in) {
        Shape x = in.get(0);
        return new Shape(x.cols(), x.rows());
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj y) {
        Rearrange.transpose(in[0], y);
    }

    @Override
    public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj gradient) {
        Rearrange.transpose(dy, gradient);
    }

    @Override
    public String localDerivative(int input) {
        return "Delta({out})^T";
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /** {@code dX = G^T}. */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        return g.transpose();
    }
}
