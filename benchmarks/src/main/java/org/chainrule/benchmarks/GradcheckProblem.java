package org.chainrule.benchmarks;

import java.util.Random;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Node;
import org.chainrule.graph.check.GraphFunction;
import org.chainrule.nn.ops.SoftmaxCrossEntropy;
import org.ejml.data.DMatrixRMaj;

/**
 * The gradient-check benchmarks' reference problem, the same as {@code examples/bench/torch_gradcheck.py}:
 * an MLP 10-16-16-3 with tanh hidden layers on a batch of 8, mean softmax cross-entropy over
 * one-hot targets, float64, checked with respect to all six weights and biases (499 elements).
 * Each seed gives its own data, targets and weights, all uniform: data and weights in
 * {@code [-1, 1]}, classes uniform over the three.
 *
 * @param loss the loss as a function of {@code W1, b1, W2, b2, W3, b3}.
 * @param parameters the point to check at.
 */
record GradcheckProblem(GraphFunction loss, Tensor[] parameters) {
    /** Widths of the layers. */
    static final int[] WIDTHS = {10, 16, 16, 3};
    /** Examples in the batch. */
    static final int BATCH = 8;

    /** The problem drawn from {@code seed}. */
    static GradcheckProblem of(long seed) {
        Random random = new Random(seed);
        Tensor x = Tensor.uniform(BATCH, WIDTHS[0], -1, 1, random);
        DMatrixRMaj y = new DMatrixRMaj(BATCH, WIDTHS[3]);
        for (int i = 0; i < BATCH; i++) {
            y.set(i, random.nextInt(WIDTHS[3]), 1);
        }
        Tensor targets = Tensor.adopt(y);
        Tensor[] parameters = new Tensor[6];
        for (int layer = 0; layer < 3; layer++) {
            parameters[2 * layer] = Tensor.uniform(WIDTHS[layer], WIDTHS[layer + 1], -1, 1, random);
            parameters[2 * layer + 1] = Tensor.uniform(1, WIDTHS[layer + 1], -1, 1, random);
        }
        GraphFunction loss = (graph, p) -> {
            Node h1 = graph.input("X", x).matmul(p[0]).add(p[1]).tanh();
            Node h2 = h1.matmul(p[2]).add(p[3]).tanh();
            Node scores = h2.matmul(p[4]).add(p[5]);
            return graph.apply(SoftmaxCrossEntropy.INSTANCE, scores, graph.constant("Y", targets));
        };
        return new GradcheckProblem(loss, parameters);
    }
}
