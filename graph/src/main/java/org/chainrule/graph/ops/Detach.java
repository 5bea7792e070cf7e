package org.chainrule.graph.ops;

import java.util.Arrays;
import java.util.List;
import org.chainrule.core.Rearrange;
import org.chainrule.core.Shape;
import org.chainrule.graph.NamedOperation;
import org.chainrule.graph.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * Stop-gradient, as PyTorch's {@code detach} and JAX's {@code stop_gradient}: the value passes
 * through unchanged, {@code Y = X}, and no gradient flows back ({@code dX = 0}): backward and
 * {@code gradients} treat the node as a constant that is recomputed with the graph.
 */
public final class Detach extends NamedOperation {
    /** The one instance; the operation has no state. */
    public static final Detach INSTANCE = new Detach();

    private Detach() {
        super("detach", 1);
    }

    @Override
    public Shape outputShape(List<Shape> in) {
        return in.get(0);
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj y) {
        Rearrange.copyElements(in[0], y);
    }

    @Override
    public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj gradient) {
        Arrays.fill(gradient.data, 0, gradient.getNumElements(), 0.0);
    }

    /** No gradient passes a detached node. */
    @Override
    public boolean passesGradients() {
        return false;
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /** None: no gradient passes. */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        return null;
    }

    @Override
    public String localDerivative(int input) {
        return "0 (detached)";
    }
}
