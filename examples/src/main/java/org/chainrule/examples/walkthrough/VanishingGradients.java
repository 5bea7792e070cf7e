package org.chainrule.examples.walkthrough;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.trace.BackwardTrace;

/**
 * Lesson 9 (notes C): vanishing gradients. Two 10-layer networks of width 8, examples as
 * rows, {@code h_l = act(h_{l-1} W_l + b_l)}, one with sigmoid everywhere (weights
 * {@code N(0, 1/8)}), one with relu (He: {@code N(0, 2/8)}), on the same seeded data and
 * loss {@code L = 1/(2B) |h_10 - t|^2}. Backward multiplies one factor {@code W_l} and one
 * activation derivative per layer; sigmoid's is at most 0.25, so the gradient norm of the
 * first layers' weights collapses while relu's stays in range.
 */
final class VanishingGradients {
    private static final long SEED = 9;
    private static final int LAYERS = 10;
    private static final int WIDTH = 8;
    private static final int BATCH = 16;
    private static final int TRACE_STEPS = 8;

    private VanishingGradients() {
    }

    static Graph teach(Page page) {
        page.text("Depth " + LAYERS + ", width " + WIDTH + ", batch " + BATCH + ", seed " + SEED + ". Data x ~ N(0, 1),"
                + " targets t ~ U(0, 1), biases 0; the same data for both networks.");
        List<Node> sigmoidWeights = new ArrayList<>();
        List<Node> reluWeights = new ArrayList<>();
        Node sigmoidLoss = network(false, sigmoidWeights);
        Node reluLoss = network(true, reluWeights);
        BackwardTrace trace = BackwardTrace.record(sigmoidLoss, Tensor.scalar(1.0), TRACE_STEPS);
        reluLoss.graph().backward(reluLoss);

        List<List<String>> rows = new ArrayList<>();
        for (int l = 0; l < LAYERS; l++) {
            rows.add(List.of(Integer.toString(l + 1), Tensor.format(sigmoidWeights.get(l).gradient().norm()),
                    Tensor.format(reluWeights.get(l).gradient().norm())));
        }
        page.section("Gradient norm |dL/dW_l| per layer");
        page.table(List.of("layer l", "sigmoid net", "relu net"), rows);
        double sigmoidRatio = ratio(sigmoidWeights);
        double reluRatio = ratio(reluWeights);
        page.verbatim(String.format(Locale.ROOT, "first layer / last layer: sigmoid %s, relu %s",
                Tensor.format(sigmoidRatio), Tensor.format(reluRatio)));
        page.check("the sigmoid net's first-layer gradient is over 100 times smaller than its last layer's",
                sigmoidRatio < 0.01);
        page.check("the relu net's first-layer gradient is within a factor 100 of its last layer's",
                reluRatio > 0.01 && reluRatio < 100);
        page.text("Each layer multiplies the backward signal by W_l^T and by act'(a_l): sigmoid's derivative"
                + " s (1 - s) is at most 0.25, so ten layers shrink it by roughly 0.25^10 ~ 1e-6 times the weight"
                + " factors; relu's derivative is 1 wherever the unit is active, and He initialisation keeps the"
                + " weight factors near 1.");
        page.section("Backward trace of the sigmoid net's loss (first " + TRACE_STEPS + " steps)");
        page.trace(trace);
        return sigmoidLoss.graph();
    }

    /** Records one network and its loss; collects its weight nodes, first layer first. */
    private static Node network(boolean relu, List<Node> weights) {
        Random random = new Random(SEED);
        Graph g = new Graph();
        Node h = g.input("x", Tensor.normal(BATCH, WIDTH, 1.0, random));
        Node t = g.constant("t", Tensor.uniform(BATCH, WIDTH, 0, 1, random));
        double std = Math.sqrt((relu ? 2.0 : 1.0) / WIDTH);
        for (int l = 1; l <= LAYERS; l++) {
            Node w = g.parameter("W" + l, Tensor.normal(WIDTH, WIDTH, std, random));
            Node b = g.parameter("b" + l, Tensor.zeros(1, WIDTH));
            Node a = h.matmul(w).setName((l == 1 ? "x" : "h" + (l - 1)) + "W" + l).add(b).setName("a" + l);
            h = (relu ? a.relu() : a.sigmoid()).setName("h" + l);
            weights.add(w);
        }
        Node e = h.add(t.neg().setName("-t")).setName("e");
        return e.mul(e).setName("e2").sum().setName("S").scale(0.5 / BATCH).setName("L");
    }

    private static double ratio(List<Node> weights) {
        return weights.get(0).gradient().norm() / weights.get(LAYERS - 1).gradient().norm();
    }
}
