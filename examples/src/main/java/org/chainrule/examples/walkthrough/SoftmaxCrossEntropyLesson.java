package org.chainrule.examples.walkthrough;

import java.util.ArrayList;
import java.util.List;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.trace.BackwardTrace;

/**
 * Lesson 8 (notes C): softmax followed by cross-entropy. Backward goes through
 * {@code log}, then the softmax's vector-Jacobian product {@code s * (dS - sum(dS * s))}, and
 * what arrives at the scores is exactly {@code p - y}: the simplification that makes real
 * systems fuse the two. Two examples as rows, the notes' two score vectors.
 */
final class SoftmaxCrossEntropyLesson {
    private SoftmaxCrossEntropyLesson() {
    }

    static Graph teach(Page page) {
        Tensor targets = Tensor.of(new double[][] {{1, 0, 0}, {0, 0, 1}});
        CrossEntropy lesson = new CrossEntropy(Tensor.of(new double[][] {{6, -2, 3}, {-0.21, 0.47, 1.72}}), targets);
        BackwardTrace trace = BackwardTrace.record(lesson.loss);

        page.text("Two examples as rows: scores [6, -2, 3] with target <1,0,0> and [-0.21, 0.47, 1.72] with target"
                + " <0,0,1>; L = -sum over examples and classes of y ln p (summed, not averaged, so that the"
                + " gradient is p - y rather than (p - y) / m).");
        Tensor p = lesson.probabilities.value();
        Tensor gradient = lesson.scores.gradient();
        List<List<String>> rows = new ArrayList<>();
        boolean allEqual = true;
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                double expected = p.get(r, c) - targets.get(r, c);
                boolean equal = Math.abs(expected - gradient.get(r, c)) <= 1e-12;
                allEqual &= equal;
                rows.add(List.of("example " + (r + 1) + ", class " + (c + 1), Tensor.format(p.get(r, c)),
                        Tensor.format(targets.get(r, c)), Tensor.format(expected), Tensor.format(gradient.get(r, c)),
                        equal ? "yes" : "no " + Page.DIFFERS));
            }
        }
        page.section("dL/ds against p - y");
        page.table(List.of("score", "p", "y", "p - y", "graph dL/ds", "equal to 1e-12"), rows);
        page.check("the gradient with respect to the scores is p - y", allEqual);
        page.text("The log's derivative 1/p and the softmax Jacobian s_i (delta_ij - s_j) cancel to p - y; a fused"
                + " softmax-cross-entropy computes that directly (and ln p as a log-sum-exp, which cannot"
                + " overflow or take the log of 0).");
        page.section("Backward trace of L");
        page.trace(trace);
        return lesson.graph;
    }
}
