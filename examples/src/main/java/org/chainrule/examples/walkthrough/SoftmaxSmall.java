package org.chainrule.examples.walkthrough;

import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.trace.BackwardTrace;

/**
 * Lesson 3 (notes C): softmax of {@code [-0.21, 0.47, 1.72]}. The notes round the sum of
 * exponentials to 8 and the result to {@code [0.1, 0.2, 0.7]}; the lesson shows the unrounded
 * values. The notes give no target; the trace uses a cross-entropy against class 3.
 */
final class SoftmaxSmall {
    private SoftmaxSmall() {
    }

    static Graph teach(Page page) {
        Tensor scores = Tensor.row(-0.21, 0.47, 1.72);
        CrossEntropy lesson = new CrossEntropy(scores, Tensor.row(0, 0, 1));
        Tensor exps = lesson.graph.input("s as data", scores).exp().value();
        Tensor p = lesson.probabilities.value();

        page.text("Scores s = [-0.21, 0.47, 1.72]; softmax p_i = e^s_i / sum_j e^s_j.");
        page.section("Softmax against the notes");
        page.rounded("sum of exponentials", exps.get(0, 0) + exps.get(0, 1) + exps.get(0, 2), "8");
        page.rounded("p1", p.get(0, 0), "0.1");
        page.rounded("p2", p.get(0, 1), "0.2");
        page.rounded("p3", p.get(0, 2), "0.7");
        page.endRows();
        page.text("Unrounded: the sum is 7.9951 and p = [0.101385, 0.200122, 0.698493]; the notes' figures are"
                + " these rounded, not errors.");
        page.recomputed("sum of exponentials", exps.get(0, 0) + exps.get(0, 1) + exps.get(0, 2), "7.9951");
        page.recomputed("p1", p.get(0, 0), "0.101385");
        page.recomputed("p2", p.get(0, 1), "0.200122");
        page.recomputed("p3", p.get(0, 2), "0.698493");
        page.endRows();

        page.section("Backward trace of L = -ln p3 (a target the notes do not give: class 3)");
        page.trace(BackwardTrace.record(lesson.loss));
        return lesson.graph;
    }
}
