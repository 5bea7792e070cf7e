package org.chainrule.nn.loss;

import java.util.function.BiFunction;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.ShapeMismatchException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Node;
import org.chainrule.nn.ops.SigmoidCrossEntropy;
import org.chainrule.nn.ops.SoftmaxCrossEntropy;
import org.ejml.data.DMatrixRMaj;

/**
 * The standard losses. Predictions {@code y} and targets {@code t} have examples as rows;
 * {@code m} is the number of rows and {@code n} the number of entries.
 *
 * <table>
 *   <caption>Losses and their gradients with respect to the prediction</caption>
 *   <tr><th>loss</th><th>value</th><th>gradient</th></tr>
 *   <tr><td>{@link #L2}</td><td>{@code 1/2 sum (y - t)^2}</td><td>{@code y - t}</td></tr>
 *   <tr><td>{@link #MEAN_SQUARED_ERROR}</td><td>{@code (1/n) sum (y - t)^2}</td><td>{@code 2 (y - t) / n}</td></tr>
 *   <tr><td>{@link #huber(double) huber(delta)}</td><td>{@code (1/n) sum h(y - t)}, {@code h(d) = d^2 / 2} for
 *       {@code |d| <= delta}, else {@code delta (|d| - delta / 2)}</td>
 *       <td>{@code d / n}, clipped to {@code +-delta / n}</td></tr>
 *   <tr><td>{@link #BINARY_CROSS_ENTROPY}</td><td>{@code -(1/n) sum [t log y + (1 - t) log(1 - y)]}</td>
 *       <td>{@code (y - t) / (y (1 - y) n)}</td></tr>
 *   <tr><td>{@link #SIGMOID_CROSS_ENTROPY}</td><td>the same on {@code y = sigmoid(z)}, from scores {@code z}</td>
 *       <td>{@code (sigmoid(z) - t) / n}</td></tr>
 *   <tr><td>{@link #CROSS_ENTROPY}</td><td>{@code -(1/m) sum t log y}</td><td>{@code -t / (y m)}</td></tr>
 *   <tr><td>{@link #SOFTMAX_CROSS_ENTROPY}</td><td>the same on {@code y = softmax(z)}, from scores {@code z}</td>
 *       <td>{@code (softmax(z) - t) / m}</td></tr>
 * </table>
 *
 * <p>The two losses on scores are fused, stable operations ({@link SigmoidCrossEntropy},
 * {@link SoftmaxCrossEntropy}): finite for scores of +-1000, where the losses on
 * probabilities reach {@code log 0}. Prefer them for training classifiers.
 */
public final class Losses {
    /** The notes' L2 loss {@code L = 1/2 sum (y - t)^2}, summed over everything; {@code dL/dy = y - t}. */
    public static final Loss L2 = new Standard("L2 loss", Loss.Predictions.PROBABILITIES, Loss.Reduction.SUM, Losses::l2);

    /** Mean squared error {@code L = (1/n) sum (y - t)^2} over all n entries; {@code dL/dy = 2 (y - t) / n}. */
    public static final Loss MEAN_SQUARED_ERROR = new Standard("mean squared error", Loss.Predictions.PROBABILITIES,
            Loss.Reduction.MEAN, Losses::meanSquaredError);

    /** The Huber loss with {@code delta = 1}: {@link #huber(double) huber(1)}. */
    public static final Loss HUBER = huber(1);

    /**
     * Binary cross-entropy on probabilities {@code y} (a sigmoid output) against targets in
     * {@code [0, 1]}, averaged over all entries:
     * {@code L = -(1/n) sum [t log y + (1 - t) log(1 - y)]}. Infinite when a probability
     * saturates to exactly 0 or 1 on the wrong side; {@link #SIGMOID_CROSS_ENTROPY} never is.
     */
    public static final Loss BINARY_CROSS_ENTROPY = new Standard("binary cross-entropy", Loss.Predictions.PROBABILITIES,
            Loss.Reduction.MEAN, Losses::binaryCrossEntropy);

    /**
     * Binary cross-entropy on pre-sigmoid scores {@code z} against targets in {@code [0, 1]},
     * fused and stable ({@link SigmoidCrossEntropy}):
     * {@code L = (1/n) sum [log(1 + e^z) - t z]}, gradient {@code (sigmoid(z) - t) / n}.
     */
    public static final Loss SIGMOID_CROSS_ENTROPY = new Standard("sigmoid cross-entropy", Loss.Predictions.SCORES,
            Loss.Reduction.MEAN, Losses::sigmoidCrossEntropy);

    /**
     * Categorical cross-entropy on probabilities {@code y} (a softmax output) against one-hot
     * (or soft) targets of the same shape, averaged over the m examples:
     * {@code L = -(1/m) sum t log y}. {@link #SOFTMAX_CROSS_ENTROPY} is the stable form.
     */
    public static final Loss CROSS_ENTROPY = new Standard("cross-entropy", Loss.Predictions.PROBABILITIES,
            Loss.Reduction.MEAN, Losses::crossEntropy);

    /**
     * Softmax cross-entropy on scores {@code z} ({@code m x k}, {@code k >= 2}), fused and
     * stable ({@link SoftmaxCrossEntropy}), against one-hot rows or an {@code m x 1} column of
     * class indices, averaged over the batch: {@code L = (1/m) sum_i (lse(z_i) - z_(i, c_i))},
     * gradient {@code (p - y) / m} with {@code p = softmax(z)}.
     */
    public static final Loss SOFTMAX_CROSS_ENTROPY = new Standard("softmax cross-entropy", Loss.Predictions.SCORES,
            Loss.Reduction.MEAN, (z, t) -> z.graph().apply(SoftmaxCrossEntropy.INSTANCE, z, t));

    private Losses() {
    }

    /**
     * The Huber loss for regression, averaged over all n entries: quadratic for small errors
     * and linear for large ones, so outliers pull less than under squared error. With
     * {@code d = y - t}: {@code h(d) = d^2 / 2} for {@code |d| <= delta}, else
     * {@code delta (|d| - delta / 2)}; its gradient {@code d / n} is clipped to
     * {@code +-delta / n}. Composed from primitives as {@code q = min(|d|, delta)},
     * {@code h = q^2 / 2 + delta (|d| - q)}.
     *
     * @param delta where the loss turns from quadratic to linear, positive and finite.
     * @return the loss.
     * @throws ChainruleException if {@code delta} is not positive and finite.
     */
    public static Loss huber(double delta) {
        if (!(delta > 0) || !Double.isFinite(delta)) {
            throw new ChainruleException("huber loss: delta must be a positive finite number, got " + delta);
        }
        String name = "huber loss (delta " + Tensor.format(delta) + ")";
        return new Standard(name, Loss.Predictions.PROBABILITIES, Loss.Reduction.MEAN, (y, t) -> {
            Node a = y.sub(requireSameShape(name, y, t)).abs();
            Node q = a.minimum(y.graph().constant(Tensor.scalar(delta)));
            return q.square().scale(0.5).add(a.sub(q).scale(delta)).mean();
        });
    }

    private static Node l2(Node y, Node t) {
        Node d = y.sub(requireSameShape("L2 loss", y, t));
        return d.mul(d).sum().scale(0.5);
    }

    private static Node meanSquaredError(Node y, Node t) {
        Node d = y.sub(requireSameShape("mean squared error", y, t));
        return d.mul(d).mean();
    }

    private static Node binaryCrossEntropy(Node y, Node t) {
        requireProbabilities("binary cross-entropy", requireSameShape("binary cross-entropy", y, t));
        Node one = y.graph().constant(Tensor.scalar(1.0));
        return t.mul(y.log()).add(one.sub(t).mul(one.sub(y).log())).mean().neg();
    }

    private static Node sigmoidCrossEntropy(Node z, Node t) {
        requireProbabilities("sigmoid cross-entropy", requireSameShape("sigmoid cross-entropy", z, t));
        return z.graph().apply(SigmoidCrossEntropy.INSTANCE, z, t);
    }

    private static Node crossEntropy(Node y, Node t) {
        requireProbabilities("cross-entropy", requireSameShape("cross-entropy", y, t));
        return t.mul(y.log()).sum().scale(-1.0 / y.shape().rows());
    }

    private static Node requireSameShape(String loss, Node prediction, Node target) {
        if (!prediction.shape().equals(target.shape())) {
            throw new ShapeMismatchException(loss + ": prediction is " + prediction.shape() + " but target is "
                    + target.shape() + ": the target must have the prediction's shape (one row per example,"
                    + " one column per output)" + namedNodes(prediction, target));
        }
        return target;
    }

    /** {@code " (prediction #7 add, target 'T')"} if either node has a name, else nothing. */
    private static String namedNodes(Node prediction, Node target) {
        return prediction.name() == null && target.name() == null ? ""
                : " (prediction " + prediction.label() + ", target " + target.label() + ")";
    }

    private static void requireProbabilities(String loss, Node target) {
        DMatrixRMaj t = target.value().matrixView();
        for (int i = 0; i < t.getNumElements(); i++) {
            double v = t.data[i];
            if (!(v >= 0 && v <= 1)) {
                throw new ChainruleException(loss + ": target " + Tensor.format(v) + " at row " + i / t.numCols
                        + ", column " + i % t.numCols + " is outside [0, 1]: targets are probabilities"
                        + " (class labels 0 and 1, not -1 and +1)");
            }
        }
    }

    /** A loss given by its name, its meaning and a function on nodes. */
    private record Standard(String name, Loss.Predictions predictions, Loss.Reduction reduction,
                            BiFunction<Node, Node, Node> function) implements Loss {
        @Override
        public Node apply(Node prediction, Node target) {
            ChainruleException.requireNonNull(prediction, name, "prediction");
            ChainruleException.requireNonNull(target, name, "target");
            if (prediction.graph() != target.graph()) {
                throw new ChainruleException(name + ": prediction " + prediction.label() + " and target "
                        + target.label() + " belong to different graphs: record the target in the prediction's graph");
            }
            return function.apply(prediction, target);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
