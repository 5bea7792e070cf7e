package org.chainrule.graph.ops;

import org.chainrule.core.Axis;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.LogSumExp;
import org.chainrule.graph.AxisOperation;
import org.chainrule.graph.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * Log-softmax along an axis: {@code y_i = x_i - log sum_j e^(x_j)} over each row
 * ({@link Axis#EACH_ROW}) or each column ({@link Axis#EACH_COLUMN}), the log-sum-exp computed
 * after subtracting the slice's maximum, so that scores of +-1000 give finite, exact values
 * (the log of a softmax would meet {@code log 0 = -infinity} there).
 *
 * <p>VJP: {@code dx = dy - softmax(x) * sum_j dy_j} per slice, with {@code softmax(x) = e^y}
 * read from the output: the product of {@code dy} with the Jacobian
 * {@code delta_ij - e^(y_j)} without building it.
 */
public final class LogSoftmax extends AxisOperation {
    /**
     * A log-softmax that normalises along {@code axis}.
     *
     * @param axis each row or each column.
     * @throws ChainruleException if {@code axis} is null.
     */
    public LogSoftmax(Axis axis) {
        super("logSoftmax", required(axis, "logSoftmax: the axis is null: give Axis.EACH_ROW (examples as rows)"
                    + " or Axis.EACH_COLUMN (examples as columns)"), false);
    }

    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj y) {
        LogSumExp.logSoftmax(in[0], axis(), y);
    }

    @Override
    public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj gradient) {
        LogSumExp.logSoftmaxBackward(y, dy, axis(), gradient);
    }

    @Override
    public String localDerivative(int input) {
        return "delta_ij - e^({out}_j)";
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /** {@code dx = G - exp(y) sum(G)} per slice, with {@code y} the output node. */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        return g.sub(output.exp().mul(g.sum(axis())));
    }
}
