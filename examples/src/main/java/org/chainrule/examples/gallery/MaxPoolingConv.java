package org.chainrule.examples.gallery;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.chainrule.core.Axis;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.loss.Losses;
import org.chainrule.nn.optim.Adam;

/**
 * A one-dimensional convolution with max pooling over positions, written as im2col, that
 * detects a bump in a signal. For each signal {@code s} of length 8 (a row of the data) and a
 * kernel of width 3:
 * <pre>
 * P = patches of s, 6 x 3: row i = (s_i, s_(i+1), s_(i+2))
 * H = relu(P W + b)                 6 x channels: each channel's response at each position
 * f = max over positions of H       1 x channels
 * score = f Wout + bout
 * L = sigmoid cross-entropy(score, has a bump), averaged over the signals
 * </pre>
 * The patches are gathered from the signal (as a column) at the fixed indices
 * {@code 0 1 2, 1 2 3, ..., 5 6 7} and reshaped to {@code 6 x 3}. Max and relu send each
 * channel's gradient to its one winning position. The task: seeded noise in
 * {@code [-0.5, 0.5)}, and in every other signal a bump {@code (1, 2, 1)} added at a random
 * position. It has learned when at least 90% of the training signals are classified right.
 */
public final class MaxPoolingConv implements GalleryNetwork {
    private static final int LENGTH = 8;
    private static final int KERNEL = 3;
    private static final int POSITIONS = LENGTH - KERNEL + 1;
    private static final double[] BUMP = {1, 2, 1};
    private static final int STEPS = 200;
    private static final double LEARNING_RATE = 0.05;

    private final Tensor signals;
    private final Tensor labels;
    private final List<Parameter> parameters;

    /** The gallery's task: 32 seeded signals, 4 channels, seeded weights. */
    public MaxPoolingConv() {
        this(Signals.seeded(32, 1), 4, 2);
    }

    /**
     * The network on other signals.
     *
     * @param data the signals and their labels.
     * @param channels the number of convolution channels.
     * @param seed the seed of the initial weights.
     */
    public MaxPoolingConv(Signals data, int channels, long seed) {
        this.signals = data.signals();
        this.labels = data.labels();
        Random random = new Random(seed);
        this.parameters = List.of(
                new Parameter("W", Tensor.normal(KERNEL, channels, 1 / Math.sqrt(KERNEL), random)),
                new Parameter("b", Tensor.zeros(1, channels)),
                new Parameter("Wout", Tensor.normal(channels, 1, 1 / Math.sqrt(channels), random)),
                new Parameter("bout", Tensor.zeros(1, 1)));
    }

    /**
     * Signals and whether each has a bump.
     *
     * @param signals the signals, one a row, {@code n x 8}.
     * @param labels 1 for a signal with a bump, else 0, {@code n x 1}.
     */
    public record Signals(Tensor signals, Tensor labels) {
        /**
         * Seeded signals: noise uniform in {@code [-0.5, 0.5)}, and in the odd-numbered ones a
         * bump {@code (1, 2, 1)} added at a random position.
         *
         * @param n the number of signals.
         * @param seed the seed.
         * @return the signals and their labels.
         */
        public static Signals seeded(int n, long seed) {
            Random random = new Random(seed);
            double[][] x = new double[n][LENGTH];
            double[] label = new double[n];
            for (int s = 0; s < n; s++) {
                for (int i = 0; i < LENGTH; i++) {
                    x[s][i] = random.nextDouble() - 0.5;
                }
                label[s] = s % 2;
                int at = random.nextInt(POSITIONS);
                for (int k = 0; k < KERNEL && label[s] == 1; k++) {
                    x[s][at + k] += BUMP[k];
                }
            }
            return new Signals(Tensor.of(x), Tensor.column(label));
        }
    }

    @Override
    public String name() {
        return "conv-maxpool";
    }

    @Override
    public String description() {
        return "a 1-D convolution (im2col) with relu and max pooling that detects a bump in a length-8 signal";
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * Records the network and its loss with the given parameter nodes.
     *
     * @param graph the graph to record in.
     * @param p the nodes of {@code W, b, Wout, bout}, in that order.
     * @return the {@code 1x1} sigmoid cross-entropy.
     */
    public Node loss(Graph graph, Node... p) {
        return Losses.SIGMOID_CROSS_ENTROPY.apply(scores(graph, p), graph.constant(labels));
    }

    private Node scores(Graph graph, Node... p) {
        Node w = p[0], b = p[1], wout = p[2], bout = p[3];
        Node columns = graph.constant(signals).transpose();
        Node windows = graph.constant(windowIndices());
        Node[] features = new Node[signals.rows()];
        for (int s = 0; s < features.length; s++) {
            Node patches = columns.sliceColumns(s, s + 1).gatherRows(windows).reshape(POSITIONS, KERNEL);
            features[s] = patches.matmul(w).add(b).relu().max(Axis.EACH_COLUMN);
        }
        Node pooled = features[0].concatRows(Arrays.copyOfRange(features, 1, features.length));
        return pooled.matmul(wout).add(bout);
    }

    /** {@code 0 1 2 1 2 3 ... 5 6 7} as a column: patch {@code i} starts at element {@code i}. */
    private static Tensor windowIndices() {
        double[] indices = new double[POSITIONS * KERNEL];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = i / KERNEL + i % KERNEL;
        }
        return Tensor.column(indices);
    }

    @Override
    public TrainingReport train() {
        double before = Networks.lossOf(this);
        double after = Networks.trainWithAdam(this, LEARNING_RATE, STEPS);
        Graph graph = new Graph();
        Tensor scores = scores(graph, Networks.record(graph, parameters)).value();
        int right = 0;
        for (int s = 0; s < scores.rows(); s++) {
            right += (scores.get(s, 0) >= 0) == (labels.get(s, 0) == 1) ? 1 : 0;
        }
        double accuracy = (double) right / scores.rows();
        String sample = right + "/" + scores.rows() + " signals right; signal 1 (bump) scores "
                + Tensor.format(scores.get(1, 0)) + ", signal 0 (noise) " + Tensor.format(scores.get(0, 0));
        return new TrainingReport(before, after, sample, accuracy >= 0.9, "training accuracy at least 0.9");
    }
}
