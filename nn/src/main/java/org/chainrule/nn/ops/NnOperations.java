package org.chainrule.nn.ops;

import java.util.ArrayList;
import java.util.List;
import org.chainrule.core.Tensor;
import org.chainrule.graph.check.Draw;
import org.chainrule.graph.check.OperationCase;
import org.chainrule.graph.check.OperationExample;
import org.chainrule.nn.Activation;
import org.chainrule.nn.loss.Losses;

/**
 * Every operation of this module as the gradient checks exercise it, listed once: leaky relu
 * (two slopes), the dense layer's fused affine map with respect to all three inputs, and the
 * fused losses (sigmoid cross-entropy with soft targets; softmax cross-entropy with one-hot
 * targets and with class indices, whose targets are constants). Read by nn's property tests
 * and, with graph's list, by {@code chainrule gradcheck}.
 */
public final class NnOperations {
    private static final double SPREAD = 3;

    private NnOperations() {
    }

    /**
     * The cases, in the order a report lists them.
     *
     * @return an unmodifiable list.
     */
    public static List<OperationCase> cases() {
        List<OperationCase> cases = new ArrayList<>();
        for (double slope : new double[] {0.01, 0.3}) {
            Activation leaky = Activation.leakyRelu(slope);
            cases.add(OperationCase.unary("leaky relu (nn; slope " + slope + ")", leaky::apply, -SPREAD, SPREAD));
        }
        cases.add(OperationCase.of("affine (nn; a dense layer's X W + b)",
                x -> x[0].graph().apply(Affine.INSTANCE, x), d -> {
                    int m = d.dimension();
                    int k = d.dimension();
                    int n = d.dimension();
                    return List.of(values(d, m, k), values(d, k, n), values(d, 1, n));
                }));
        cases.add(OperationCase.of("sigmoid cross-entropy (nn; soft targets)",
                x -> Losses.SIGMOID_CROSS_ENTROPY.apply(x[0], x[1]), d -> {
                    int m = d.dimension();
                    int n = d.dimension();
                    return List.of(values(d, m, n), d.matrix(m, n, 0.05, 0.95));
                }));
        for (boolean indices : new boolean[] {false, true}) {
            cases.add(softmaxCrossEntropy(indices));
        }
        return List.copyOf(cases);
    }

    /**
     * Softmax cross-entropy on {@code m x k} scores ({@code k >= 2}), each row labelled with a
     * random class; the labels are a constant of the example.
     */
    private static OperationCase softmaxCrossEntropy(boolean indices) {
        String name = "softmax cross-entropy (nn; " + (indices ? "class indices)" : "one-hot)");
        return new OperationCase(name, d -> {
            int m = d.dimension();
            int k = Math.max(2, d.dimension());
            double[][] targets = new double[m][indices ? 1 : k];
            for (int i = 0; i < m; i++) {
                int c = d.between(0, k - 1);
                targets[i][indices ? 0 : c] = indices ? c : 1;
            }
            Tensor constant = Tensor.of(targets);
            return OperationExample.draw(d, name,
                    x -> Losses.SOFTMAX_CROSS_ENTROPY.apply(x[0], x[0].graph().constant("T", constant)),
                    List.of(values(d, m, k)));
        });
    }

    private static Tensor values(Draw d, int rows, int cols) {
        return d.matrix(rows, cols, -SPREAD, SPREAD);
    }
}
