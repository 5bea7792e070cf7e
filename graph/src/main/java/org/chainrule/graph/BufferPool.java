package org.chainrule.graph;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.chainrule.core.Shape;
import org.ejml.data.DMatrixRMaj;

/**
 * Where a {@link Graph} gets its buffers: the value of every operation node, the gradient of
 * every node, two scratch matrices for contributions that are added to a gradient or
 * un-broadcast before they are added, and the parameter index.
 *
 * <p>A new graph's pool allocates. {@link Graph#recycle()} hands the pool to the next graph
 * with the old graph's buffers filed by node position: the node recorded at the same position
 * takes them when they are big enough for its shape, so a training loop that records the same network every
 * step allocates almost nothing. The old graph is over by then, so nothing is shared by two
 * live graphs.
 */
final class BufferPool {
    private static final DMatrixRMaj[] NONE = new DMatrixRMaj[0];
    /** The previous graph's buffers by node position; a taken one is nulled, so it is handed out once. */
    private DMatrixRMaj[] values = NONE;
    private DMatrixRMaj[] gradients = NONE;
    private final DMatrixRMaj contribution = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj reduced = new DMatrixRMaj(1, 1);
    /** Which node records each parameter in the graph that owns the pool now. */
    final Map<Parameter, Node> parameters = new IdentityHashMap<>();

    /** A buffer for the value of the operation node at {@code position}. */
    DMatrixRMaj value(int position, Shape shape) {
        return take(values, position, shape);
    }

    /** A buffer for the gradient of the node at {@code position}. */
    DMatrixRMaj gradient(int position, Shape shape) {
        return take(gradients, position, shape);
    }

    /** The scratch matrix a contribution is computed in, reshaped (its contents are stale). */
    DMatrixRMaj contribution(Shape shape) {
        contribution.reshape(shape.rows(), shape.cols());
        return contribution;
    }

    /** The scratch matrix an un-broadcast contribution is summed into. */
    DMatrixRMaj reduced() {
        return reduced;
    }

    /**
     * Files the buffers of a graph that is ending, by node position, for the next graph, and
     * forgets its parameters.
     *
     * @param nodes the ending graph's nodes, in order.
     * @return this pool, for the next graph.
     */
    BufferPool handOver(List<Node> nodes) {
        int n = nodes.size();
        if (values.length != n) {
            values = new DMatrixRMaj[n];
            gradients = new DMatrixRMaj[n];
        }
        for (int i = 0; i < n; i++) {
            Node node = nodes.get(i);
            values[i] = node.operation != null ? node.value : null;
            gradients[i] = node.gradient;
        }
        parameters.clear();
        return this;
    }

    private static DMatrixRMaj take(DMatrixRMaj[] spares, int position, Shape shape) {
        if (position < spares.length) {
            DMatrixRMaj m = spares[position];
            spares[position] = null;
            if (m != null && m.data.length >= shape.size()) {
                m.reshape(shape.rows(), shape.cols());
                return m;
            }
        }
        return new DMatrixRMaj(shape.rows(), shape.cols());
    }
}
