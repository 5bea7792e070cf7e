package org.chainrule.nn.train;

import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.ejml.data.DMatrixRMaj;

/** The task metrics, computed from whole prediction and target matrices (examples as rows). */
public final class Metrics {
    private Metrics() {
    }

    /**
     * Root mean squared error over every entry: {@code sqrt((1/n) sum (y - t)^2)}.
     *
     * @param predictions {@code m x k}. Not modified.
     * @param targets {@code m x k}. Not modified.
     * @return the RMSE, in the targets' units.
     * @throws ChainruleException if the shapes differ or an argument is null.
     */
    public static double rmse(Tensor predictions, Tensor targets) {
        DMatrixRMaj y = same("rmse", predictions, targets);
        DMatrixRMaj t = targets.matrixView();
        double sum = 0;
        for (int i = 0; i < y.getNumElements(); i++) {
            double d = y.data[i] - t.data[i];
            sum += d * d;
        }
        return Math.sqrt(sum / y.getNumElements());
    }

    /**
     * The coefficient of determination, averaged over the columns:
     * {@code R^2_j = 1 - sum_i (y_ij - t_ij)^2 / sum_i (t_ij - mean_j t)^2}. A column whose
     * targets do not vary scores 1 if predicted exactly and 0 otherwise (as scikit-learn).
     *
     * @param predictions {@code m x k}. Not modified.
     * @param targets {@code m x k}. Not modified.
     * @return R^2: 1 is perfect, 0 is no better than the mean, below 0 is worse.
     * @throws ChainruleException if the shapes differ or an argument is null.
     */
    public static double rSquared(Tensor predictions, Tensor targets) {
        DMatrixRMaj y = same("r^2", predictions, targets);
        DMatrixRMaj t = targets.matrixView();
        double total = 0;
        for (int j = 0; j < t.numCols; j++) {
            double mean = 0;
            for (int i = 0; i < t.numRows; i++) {
                mean += t.unsafe_get(i, j);
            }
            mean /= t.numRows;
            double residual = 0;
            double spread = 0;
            for (int i = 0; i < t.numRows; i++) {
                double d = y.unsafe_get(i, j) - t.unsafe_get(i, j);
                double c = t.unsafe_get(i, j) - mean;
                residual += d * d;
                spread += c * c;
            }
            total += spread > 0 ? 1 - residual / spread : residual == 0 ? 1 : 0;
        }
        return total / t.numCols;
    }

    private static DMatrixRMaj same(String what, Tensor predictions, Tensor targets) {
        ChainruleException.requireNonNull(predictions, what + ": predictions");
        ChainruleException.requireNonNull(targets, what + ": targets");
        if (!predictions.shape().equals(targets.shape())) {
            throw new ChainruleException(what + ": predictions are " + predictions.shape() + " but targets are "
                    + targets.shape());
        }
        return predictions.matrixView();
    }
}
