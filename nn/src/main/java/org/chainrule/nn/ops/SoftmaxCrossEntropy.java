package org.chainrule.nn.ops;

import java.util.List;
import org.chainrule.core.Axis;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.LogSumExp;
import org.chainrule.core.Shape;
import org.chainrule.core.ShapeMismatchException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.NamedOperation;
import org.chainrule.graph.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * Softmax followed by cross-entropy, fused and stable, averaged over the batch. Scores
 * {@code z} are {@code m x k} (one row per example, {@code k >= 2} classes); targets are
 * either {@code m x k} one-hot rows {@code y} or an {@code m x 1} column of class indices
 * {@code c_i} in {@code [0, k)}:
 * {@code L = -(1/m) sum_i sum_j y_ij log p_ij = (1/m) sum_i sum_j y_ij (lse_i - z_ij)}, where
 * {@code p = softmax(z)} along each row and {@code lse_i = log sum_j e^(z_ij)} is computed
 * with the maximum subtracted ({@link LogSumExp}). For one-hot rows that is
 * {@code (1/m) sum_i (lse_i - z_(i, c_i))}. No probability is ever formed and then logged,
 * so scores of +-1000 give a finite loss and a finite gradient.
 *
 * <p>VJP: {@code dz = dL (p - y) / m} — the simplification that is the reason to fuse the
 * two. For one-hot targets {@code dy = dL (lse - z) / m = -dL log p / m}; class indices
 * have no gradient.
 */
public final class SoftmaxCrossEntropy extends NamedOperation {
    /** The one instance; the operation has no state. */
    public static final SoftmaxCrossEntropy INSTANCE = new SoftmaxCrossEntropy();

    private SoftmaxCrossEntropy() {
        super("softmax cross-entropy", 2);
    }

    /**
     * A {@code 1x1} loss. Scores need at least two columns; targets need the scores' rows
     * and either the scores' columns (one-hot) or one column (class indices).
     */
    @Override
    public Shape outputShape(List<Shape> in) {
        Shape scores = in.get(0);
        Shape targets = in.get(1);
        if (scores.cols() < 2) {
            throw new ShapeMismatchException(name() + ": scores are " + scores + " but need at least 2 columns"
                    + " (one per class); for a single output use binary cross-entropy on scores");
        }
        if (targets.rows() != scores.rows() || (targets.cols() != scores.cols() && targets.cols() != 1)) {
            throw new ShapeMismatchException(name() + ": scores are " + scores + " but targets are " + targets
                    + ": targets must be " + scores + " one-hot rows or a " + scores.rows()
                    + "x1 column of class indices");
        }
        return Shape.scalar();
    }

    /** {@code L = (1/m) sum_ij y_ij (lse_i - z_ij)}, after checking the targets. */
    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj loss) {
        DMatrixRMaj z = in[0];
        DMatrixRMaj targets = in[1];
        boolean indices = checkTargets(z, targets);
        int m = z.numRows;
        int k = z.numCols;
        double total = 0;
        for (int i = 0; i < m; i++) {
            double lse = LogSumExp.ofRow(z, i);
            if (indices) {
                total += lse - z.data[i * k + (int) targets.data[i]];
            } else {
                for (int j = 0; j < k; j++) {
                    double y = targets.data[i * k + j];
                    if (y != 0) {
                        total += y * (lse - z.data[i * k + j]);
                    }
                }
            }
        }
        loss.data[0] = total / m;
    }

    /** {@code dz = dL (p - y) / m}; {@code dy = dL (lse - z) / m} for one-hot targets. */
    @Override
    public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj loss, DMatrixRMaj g, DMatrixRMaj gradient) {
        DMatrixRMaj z = in[0];
        DMatrixRMaj targets = in[1];
        int m = z.numRows;
        int k = z.numCols;
        double scale = g.data[0] / m;
        boolean indices = targets.numCols == 1;
        if (input == 1 && indices) {
            throw new ChainruleException(name() + ": class indices have no gradient; give one-hot targets"
                    + " to differentiate with respect to the targets");
        }
        for (int i = 0; i < m; i++) {
            int row = i * k;
            if (input == 1) {
                double lse = LogSumExp.ofRow(z, i);
                for (int q = row; q < row + k; q++) {
                    gradient.data[q] = scale * (lse - z.data[q]);
                }
                continue;
            }
            // p = e^(z - max) / sum, as softmax computes it; the exponentials wait in the gradient buffer.
            double max = Double.NEGATIVE_INFINITY;
            for (int q = row; q < row + k; q++) {
                max = Math.max(max, z.data[q]);
            }
            double sum = 0;
            for (int q = row; q < row + k; q++) {
                double e = Math.exp(z.data[q] - max);
                sum += e;
                gradient.data[q] = e;
            }
            for (int j = 0, q = row; j < k; j++, q++) {
                double p = gradient.data[q] / sum;
                double y = indices ? (j == (int) targets.data[i] ? 1 : 0) : targets.data[q];
                gradient.data[q] = scale * (p - y);
            }
        }
    }

    @Override
    public String localDerivative(int input) {
        return input == 0 ? "(softmax({in0}) - {in1}) / m" : "-log softmax({in0}) / m";
    }

    /**
     * Checks one-hot rows or class indices.
     *
     * @return true for a column of class indices.
     */
    private boolean checkTargets(DMatrixRMaj z, DMatrixRMaj targets) {
        int m = z.numRows;
        int k = z.numCols;
        if (targets.numCols == 1) {
            for (int i = 0; i < m; i++) {
                double c = targets.data[i];
                if (!(c >= 0 && c < k && c == Math.rint(c))) {
                    throw new ChainruleException(name() + ": target row " + i + " holds class index "
                            + Tensor.format(c) + ", which is not a whole number in [0, " + k + ")");
                }
            }
            return true;
        }
        for (int i = 0; i < m; i++) {
            int ones = 0;
            boolean binary = true;
            for (int j = 0; j < k; j++) {
                double y = targets.data[i * k + j];
                binary &= y == 0 || y == 1;
                ones += y == 1 ? 1 : 0;
            }
            if (!binary || ones != 1) {
                StringBuilder row = new StringBuilder();
                for (int j = 0; j < k; j++) {
                    row.append(j == 0 ? "" : ", ").append(Tensor.format(targets.data[i * k + j]));
                }
                throw new ChainruleException(name() + ": target row " + i + " is [" + row + "], which is not"
                        + " one-hot: give rows with a single 1 and 0 elsewhere, or an " + m
                        + "x1 column of class indices");
            }
        }
        return false;
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /**
     * {@code dz = G (softmax(z) - y) / m}, with class indices made one-hot by looking their rows
     * up in the {@code k x k} identity (a constant of the shape, not of the values);
     * {@code dy = -G logSoftmax(z) / m} for one-hot targets.
     *
     * @throws ChainruleException for class indices' gradient: they have none.
     */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        Node z = inputs[0];
        Node targets = inputs[1];
        int m = z.shape().rows();
        int k = z.shape().cols();
        boolean indices = targets.shape().cols() == 1;
        if (input == 1) {
            if (indices) {
                throw new ChainruleException(name() + ": class indices have no gradient: they are data");
            }
            return z.logSoftmax(Axis.EACH_ROW).neg().mul(g).scale(1.0 / m);
        }
        Node oneHot = indices ? z.graph().constant("identity " + k + "x" + k, identity(k)).gatherRows(targets)
                : targets;
        return z.softmax(Axis.EACH_ROW).sub(oneHot).mul(g).scale(1.0 / m);
    }

    /** The {@code k x k} identity. */
    private static Tensor identity(int k) {
        double[][] rows = new double[k][k];
        for (int i = 0; i < k; i++) {
            rows[i][i] = 1;
        }
        return Tensor.of(rows);
    }
}
