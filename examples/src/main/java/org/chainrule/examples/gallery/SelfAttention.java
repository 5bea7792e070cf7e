package org.chainrule.examples.gallery;

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
 * Single-head scaled dot-product self-attention with a residual connection and layer
 * normalisation, on one sequence {@code X} of {@code T = 5} rows (positions) and
 * {@code d = 4} columns (features):
 * <pre>
 * Q = X Wq,  K = X Wk,  V = X Wv
 * A = softmax(Q K^T / sqrt(d))          (each row sums to 1)
 * R = X + A V
 * Y = (R - mean(R)) / sqrt(var(R) + 1e-5) * gamma + beta   (mean and population variance per row)
 * L = mean((Y - target)^2)
 * </pre>
 * The layer normalisation is PyTorch's {@code LayerNorm(4)}, written out with graph
 * operations. The task is to map a seeded sequence to a seeded target sequence; it is
 * learned when training halves the loss.
 */
public final class SelfAttention implements GalleryNetwork {
    private static final int T = 5;
    private static final int D = 4;
    private static final double EPSILON = 1e-5;
    private static final int STEPS = 300;
    private static final double LEARNING_RATE = 0.05;

    private final Tensor x;
    private final Tensor target;
    private final List<Parameter> parameters;

    /** The gallery's task: a seeded sequence and target, seeded weights. */
    public SelfAttention() {
        this(Tensor.normal(T, D, 1, new Random(1)), Tensor.normal(T, D, 1, new Random(2)), 3);
    }

    /**
     * The network on other data.
     *
     * @param x the sequence, {@code T x 4}. Not modified.
     * @param target the target sequence, shaped like {@code x}. Not modified.
     * @param seed the seed of the initial weights (gamma starts at 1, beta at 0, as in PyTorch).
     */
    public SelfAttention(Tensor x, Tensor target, long seed) {
        this.x = x;
        this.target = target;
        Random random = new Random(seed);
        double scale = 1 / Math.sqrt(D);
        this.parameters = List.of(
                new Parameter("Wq", Tensor.normal(D, D, scale, random)),
                new Parameter("Wk", Tensor.normal(D, D, scale, random)),
                new Parameter("Wv", Tensor.normal(D, D, scale, random)),
                new Parameter("gamma", Tensor.filled(1, D, 1)),
                new Parameter("beta", Tensor.zeros(1, D)));
    }

    @Override
    public String name() {
        return "self-attention";
    }

    @Override
    public String description() {
        return "self-attention + residual + layer norm on a 5x4 sequence, fitted to a target sequence";
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * Records the network and its loss with the given parameter nodes.
     *
     * @param graph the graph to record in.
     * @param p the nodes of {@code Wq, Wk, Wv, gamma, beta}, in that order.
     * @return the {@code 1x1} mean squared error.
     */
    public Node loss(Graph graph, Node... p) {
        return Losses.MEAN_SQUARED_ERROR.apply(output(graph, p), graph.constant(target));
    }

    private Node output(Graph graph, Node... p) {
        Node wq = p[0], wk = p[1], wv = p[2], gamma = p[3], beta = p[4];
        Node x = graph.constant(this.x);
        Node scores = x.matmul(wq).matmul(x.matmul(wk).transpose()).scale(1 / Math.sqrt(D));
        Node r = x.add(scores.softmax(Axis.EACH_ROW).matmul(x.matmul(wv)));
        Node centred = r.sub(r.mean(Axis.EACH_ROW));
        Node variance = centred.square().mean(Axis.EACH_ROW);
        Node normalised = centred.div(variance.add(graph.constant(Tensor.scalar(EPSILON))).sqrt());
        return normalised.mul(gamma).add(beta);
    }

    @Override
    public TrainingReport train() {
        double before = Networks.lossOf(this);
        double after = Networks.trainWithAdam(this, LEARNING_RATE, STEPS);
        Graph graph = new Graph();
        Node y = output(graph, Networks.record(graph, parameters));
        String sample = "position 0 becomes " + y.sliceRows(0, 1).value() + ", target "
                + Tensor.row(target.toArray()[0]);
        return new TrainingReport(before, after, sample, after < before / 2, "loss below half of its start");
    }
}
