package org.chainrule.examples.walkthrough;

import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.trace.BackwardTrace;

/**
 * Lesson 10 (notes C, the slide deck): softmax and cross-entropy on the scores
 * {@code [3.15, 5.3, -2.1]} against {@code <1, 0, 0>}, and the gradient {@code p - y}, set
 * beside the NumPy output the slides print (all correct). The slides' stable-softmax code has
 * a typo, {@code np.exp(x = np.max(...))} for {@code np.exp(x - np.max(...))}, which the
 * lesson points out.
 */
final class SoftmaxNumpy {
    private SoftmaxNumpy() {
    }

    static Graph teach(Page page) {
        CrossEntropy lesson = new CrossEntropy(Tensor.row(3.15, 5.3, -2.1), Tensor.row(1, 0, 0));
        BackwardTrace trace = BackwardTrace.record(lesson.loss);
        Tensor p = lesson.probabilities.value();
        Tensor gradient = lesson.scores.gradient();

        page.text("Scores s = [3.15, 5.3, -2.1], target y = <1, 0, 0>: the slides' example, where the network"
                + " gives the true class only the second-highest score. Softmax p_i = e^s_i / sum_j e^s_j,"
                + " cross-entropy L = -sum_i y_i ln p_i, and its gradient with respect to the scores, p - y.");
        page.section("Against the NumPy output printed in notes C");
        page.text("Each line: Chainrule's value, the figure the slides print (verbatim), and which it is.");
        page.quote("p1", p.get(0, 0), "r1");
        page.quote("p2", p.get(0, 1), "r2");
        page.quote("p3", p.get(0, 2), "r3");
        page.quote("L = -ln p1", lesson.loss.value().item(), "CE[3.15]");
        page.quote("dL/ds1 = p1 - 1", gradient.get(0, 0), "g1");
        page.quote("dL/ds2 = p2", gradient.get(0, 1), "g2");
        page.quote("dL/ds3 = p3", gradient.get(0, 2), "g3");
        page.endRows();
        page.check("backward's dL/ds equals p - y (to 1e-15)",
                gradient.approxEquals(Tensor.row(p.get(0, 0) - 1, p.get(0, 1), p.get(0, 2)), 1e-15));

        page.section("Erratum in the slides' code");
        page.verbatim("printed:  exps = np.exp(x = np.max(x, axis=1, keepdims=True))\n"
                + "meant:    exps = np.exp(x - np.max(x, axis=1, keepdims=True))");
        page.text("As printed, the max is passed as a keyword argument and NumPy rejects the call. The stable"
                + " softmax subtracts each row's largest score before exponentiating, which leaves p unchanged and"
                + " keeps e^s from overflowing; Chainrule's softmax does the same.");
        page.section("Backward trace of L");
        page.trace(trace);
        return lesson.graph;
    }
}
