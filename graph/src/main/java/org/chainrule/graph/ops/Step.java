package org.chainrule.graph.ops;

import java.util.Arrays;
import org.chainrule.graph.ElementwiseOperation;
import org.chainrule.graph.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * The unit step, element-wise: {@code s = 1} where {@code a > 0}, else {@code 0} (the mask
 * that relu's derivative multiplies by; at {@code a = 0} it is 0, as relu's derivative is
 * there). A mask as an operation, not a constant read off a node's value, so that it is
 * recomputed whenever the graph is, and a graph rule that uses it stays a function of its
 * input.
 *
 * <p>VJP: {@code da = 0} (the step is flat away from its jump at 0, where it has no
 * derivative; second derivatives through relu are 0 away from the kink, as in PyTorch).
 */
public final class Step extends ElementwiseOperation {
    /** The one instance; the operation has no state. */
    public static final Step INSTANCE = new Step();

    private Step() {
        super("step", "0", (a, s) -> {
            for (int i = 0; i < s.getNumElements(); i++) {
                s.data[i] = a.data[i] > 0 ? 1 : 0;
            }
        }, (a, s, ds, da) -> Arrays.fill(da.data, 0, da.getNumElements(), 0.0));
    }

    /** The jump is at {@code a = 0}. */
    @Override
    public double distanceToKink(int input, DMatrixRMaj[] inputs, int element) {
        return Math.abs(inputs[0].data[element]);
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /** None: the step's derivative is 0. */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        return null;
    }
}
