package org.chainrule.examples.walkthrough;

import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.trace.BackwardTrace;

/**
 * Lesson 3 (notes E): softmax of {@code [-0.21, 0.47, 1.72]}. The notes round the sum of
 * exponentials to 8 and the result to {@code [0.1, 0.2, 0.7]}; the lesson shows the unrounded
 * values. The notes give no target; the trace uses a cross-entropy against class 3.
 */
final class SoftmaxSmall {
    private SoftmaxSmall() {
    }

    static Graph teach(Page page) {
        Tensor scores = Tensor.row(-0.21, 0.47, 1.72);
        CrossEntropy lesson = new CrossEntropy(scores, Tensor.row(0, 0, 1));
        Tensor exps = lesson.graph.input("s as data", scores).exp().setName("e^s").value();
        Tensor p = lesson.probabilities.value();

        page.text("Scores s = [-0.21, 0.47, 1.72]; softmax p_i = e^s_i / sum_j e^s_j.");
        page.section("Softmax against notes E (the course notes with the 2-3-2 network)");
        page.text("Each line: Chainrule's value, the figure the notes print (verbatim), and which it is. The notes"
                + " print the sum of exponentials as 8 and the softmax as [0.1, 0.2, 0.7].");
        page.quote("sum of exponentials", exps.get(0, 0) + exps.get(0, 1) + exps.get(0, 2), "sum e^s");
        page.quote("p1", p.get(0, 0), "q1");
        page.quote("p2", p.get(0, 1), "q2");
        page.quote("p3", p.get(0, 2), "q3");
        page.endRows();

        page.section("Backward trace of L = -ln p3 (a target the notes do not give: class 3)");
        page.trace(BackwardTrace.record(lesson.loss));
        return lesson.graph;
    }
}
