package org.chainrule.examples.gallery;

import java.util.List;
import java.util.Random;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.loss.Losses;
import org.chainrule.nn.optim.Adam;

/**
 * An Elman recurrent network that reads a sequence of four bits and says whether it holds an
 * odd number of ones (its parity). Unrolled over the four steps, with every one of the 16
 * sequences as a row of the batch {@code X} ({@code 16 x 4}, bit {@code t} in column {@code t}):
 * <pre>
 * h_0 = 0
 * h_t = tanh(x_t Wx + h_(t-1) Wh + b)      for t = 1..4, x_t = column t of X
 * score = h_4 Wout + bout
 * L = sigmoid cross-entropy(score, parity)
 * </pre>
 * Backward through the unrolled graph is backpropagation through time: {@code Wh} is used
 * at every step and collects a gradient from each. It has learned when all 16 parities are
 * right (score {@code >= 0} means odd).
 */
public final class ElmanRnn implements GalleryNetwork {
    private static final int BITS = 4;
    private static final int STEPS = 400;
    private static final double LEARNING_RATE = 0.05;

    private final int hidden;
    private final List<Parameter> parameters;

    /** The gallery's network: 8 hidden units, seeded weights. */
    public ElmanRnn() {
        this(8, 1);
    }

    /**
     * A network with seeded weights, uniform in {@code +-1/sqrt(hidden)} as PyTorch's
     * {@code RNN} draws them.
     *
     * @param hidden the width of the state.
     * @param seed the seed of the weights.
     */
    public ElmanRnn(int hidden, long seed) {
        this.hidden = hidden;
        Random random = new Random(seed);
        double k = 1 / Math.sqrt(hidden);
        this.parameters = List.of(
                new Parameter("Wx", Tensor.uniform(1, hidden, -k, k, random)),
                new Parameter("Wh", Tensor.uniform(hidden, hidden, -k, k, random)),
                new Parameter("b", Tensor.uniform(1, hidden, -k, k, random)),
                new Parameter("Wout", Tensor.uniform(hidden, 1, -k, k, random)),
                new Parameter("bout", Tensor.uniform(1, 1, -k, k, random)));
    }

    /**
     * Every sequence of four bits, one a row: row {@code i} holds the bits of {@code i},
     * most significant first.
     *
     * @return the {@code 16 x 4} inputs.
     */
    public static Tensor sequences() {
        double[][] x = new double[1 << BITS][BITS];
        for (int i = 0; i < x.length; i++) {
            for (int t = 0; t < BITS; t++) {
                x[i][t] = (i >> (BITS - 1 - t)) & 1;
            }
        }
        return Tensor.of(x);
    }

    /**
     * The parity of each of {@link #sequences()}: 1 for an odd number of ones.
     *
     * @return the {@code 16 x 1} targets.
     */
    public static Tensor parities() {
        double[] parity = new double[1 << BITS];
        for (int i = 0; i < parity.length; i++) {
            parity[i] = Integer.bitCount(i) % 2;
        }
        return Tensor.column(parity);
    }

    @Override
    public String name() {
        return "elman-parity";
    }

    @Override
    public String description() {
        return "an Elman RNN unrolled over 4 bits, trained by backpropagation through time to say their parity";
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * Records the network and its loss with the given parameter nodes.
     *
     * @param graph the graph to record in.
     * @param p the nodes of {@code Wx, Wh, b, Wout, bout}, in that order.
     * @return the {@code 1x1} sigmoid cross-entropy.
     */
    public Node loss(Graph graph, Node... p) {
        return Losses.SIGMOID_CROSS_ENTROPY.apply(scores(graph, p), graph.constant(parities()));
    }

    private Node scores(Graph graph, Node... p) {
        Node wx = p[0], wh = p[1], b = p[2], wout = p[3], bout = p[4];
        Node x = graph.constant(sequences());
        Node h = graph.constant(Tensor.zeros(x.shape().rows(), hidden));
        for (int t = 0; t < BITS; t++) {
            h = x.sliceColumns(t, t + 1).matmul(wx).add(h.matmul(wh)).add(b).tanh();
        }
        return h.matmul(wout).add(bout);
    }

    @Override
    public TrainingReport train() {
        double before = Networks.lossOf(this);
        double after = Networks.trainWithAdam(this, LEARNING_RATE, STEPS);
        Graph graph = new Graph();
        Tensor scores = scores(graph, Networks.record(graph, parameters)).value();
        Tensor parities = parities();
        int right = 0;
        for (int i = 0; i < scores.rows(); i++) {
            right += (scores.get(i, 0) >= 0) == (parities.get(i, 0) == 1) ? 1 : 0;
        }
        String sample = right + "/16 parities right; 1011 gives score " + Tensor.format(scores.get(0b1011, 0))
                + " (odd: " + (scores.get(0b1011, 0) >= 0) + ")";
        return new TrainingReport(before, after, sample, right == scores.rows(), "all 16 parities right");
    }
}
