package org.chainrule.graph.ops;

import org.chainrule.core.Axis;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.SoftmaxKernels;
import org.chainrule.graph.AxisOperation;
import org.chainrule.graph.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * Softmax along an axis: {@code s_i = e^(a_i) / sum_j e^(a_j)} over each row
 * ({@link Axis#EACH_ROW}, examples as rows) or each column ({@link Axis#EACH_COLUMN},
 * examples as columns), computed after subtracting the slice's maximum for stability.
 *
 * <p>VJP: {@code da = s * (ds - sum_j ds_j s_j)} per slice, the product of {@code ds} with
 * the Jacobian {@code s_i (delta_ij - s_j)} without building it.
 */
public final class Softmax extends AxisOperation {
    /**
     * A softmax that normalises along {@code axis}.
     *
     * @param axis each row or each column.
     * @throws ChainruleException if {@code axis} is null.
     */
    public Softmax(Axis axis) {
        super("softmax", required(axis, "softmax: the axis is null: give Axis.EACH_ROW (examples as rows)"
                    + " or Axis.EACH_COLUMN (examples as columns)"), false);
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj s) {
        SoftmaxKernels.forward(in[0], axis(), s);
    }

    @Override
    public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj s, DMatrixRMaj ds, DMatrixRMaj gradient) {
        SoftmaxKernels.backward(s, ds, axis(), gradient);
    }

    @Override
    public String localDerivative(int input) {
        return "{out}_i (delta_ij - {out}_j)";
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /** {@code dx = s (G - sum(G s))} per slice, with {@code s} the output node (the sum broadcasts back). */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        return output.mul(g.sub(g.mul(output).sum(axis())));
    }
}
