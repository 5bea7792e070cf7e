package org.chainrule.nn.ops;

import java.util.List;
import org.chainrule.core.Elementwise;
import org.chainrule.core.LogSumExp;
import org.chainrule.core.Shape;
import org.chainrule.core.ShapeMismatchException;
import org.chainrule.graph.NamedOperation;
import org.chainrule.graph.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * Binary cross-entropy on pre-sigmoid scores, fused and stable: for scores {@code z} and
 * targets {@code t} in {@code [0, 1]}, both {@code m x k} with {@code n = m k} entries,
 * {@code L = -(1/n) sum [t log s(z) + (1 - t) log(1 - s(z))]} with {@code s} the sigmoid,
 * which simplifies to the log-sum-exp form
 * {@code L = (1/n) sum [softplus(z) - t z]}, {@code softplus(z) = log(1 + e^z) =
 * max(z, 0) + log(1 + e^-|z|)}. It never takes the log of a saturated sigmoid, so the loss
 * is finite for every finite score (scores of +-1000 included).
 *
 * <p>VJP: {@code dz = dL (s(z) - t) / n} (the notes' {@code h - y}, averaged) and
 * {@code dt = -dL z / n}. Targets are checked by the loss that records this operation,
 * {@link org.chainrule.nn.loss.Losses#SIGMOID_CROSS_ENTROPY}.
 */
public final class SigmoidCrossEntropy extends NamedOperation {
    /** The one instance; the operation has no state. */
    public static final SigmoidCrossEntropy INSTANCE = new SigmoidCrossEntropy();

    private SigmoidCrossEntropy() {
        super("sigmoid cross-entropy", 2);
    }

    @Override
    public Shape outputShape(List<Shape> in) {
        Shape scores = in.get(0);
        Shape targets = in.get(1);
        if (!scores.equals(targets)) {
            throw new ShapeMismatchException(name() + ": scores are " + scores + " but targets are " + targets
                    + ": the targets must have the scores' shape (one row per example, one column per output)");
        }
        return Shape.scalar();
    }

    /** {@code L = (1/n) sum [softplus(z) - t z]}. */
    @Override
    public void forward(DMatrixRMaj[] in, DMatrixRMaj loss) {
        DMatrixRMaj z = in[0];
        DMatrixRMaj t = in[1];
        int n = z.getNumElements();
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += LogSumExp.softplus(z.data[i]) - t.data[i] * z.data[i];
        }
        loss.data[0] = total / n;
    }

    /** {@code dz = dL (s(z) - t) / n}; {@code dt = -dL z / n}. */
    @Override
    public void vjp(int input, DMatrixRMaj[] in, DMatrixRMaj loss, DMatrixRMaj g, DMatrixRMaj gradient) {
        DMatrixRMaj z = in[0];
        DMatrixRMaj t = in[1];
        double scale = g.data[0] / z.getNumElements();
        for (int i = 0; i < z.getNumElements(); i++) {
            double d = input == 0 ? Elementwise.sigmoid(z.data[i]) - t.data[i] : -z.data[i];
            gradient.data[i] = scale * d;
        }
    }

    @Override
    public String localDerivative(int input) {
        return input == 0 ? "(sigmoid({in0}) - {in1}) / n" : "-{in0} / n";
    }

    @Override
    public boolean hasVjpGraph() {
        return true;
    }

    /** {@code dz = G (sigmoid(z) - t) / n}; {@code dt = -G z / n}. */
    @Override
    public Node vjpGraph(int input, Node[] inputs, Node output, Node g) {
        Node z = inputs[0];
        double n = z.shape().size();
        return input == 0 ? z.sigmoid().sub(inputs[1]).mul(g).scale(1 / n) : z.mul(g).scale(-1 / n);
    }
}
