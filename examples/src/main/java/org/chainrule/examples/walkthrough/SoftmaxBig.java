package org.chainrule.examples.walkthrough;

import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.trace.BackwardTrace;

/**
 * Lesson 2 (notes A): softmax of {@code [6, -2, 3]}, and its cross-entropy against
 * {@code <1,0,0>} and {@code <0,0,1>} with the natural log. Errata: the notes print the middle
 * probability as 0.00037, and quote the cross-entropies in base 10 (the first with the wrong
 * sign).
 */
final class SoftmaxBig {
    private SoftmaxBig() {
    }

    static Graph teach(Page page) {
        Tensor scores = Tensor.row(6, -2, 3);
        CrossEntropy first = new CrossEntropy(scores, Tensor.row(1, 0, 0));
        CrossEntropy third = new CrossEntropy(scores, Tensor.row(0, 0, 1));
        Tensor exps = first.graph.input("s as data", scores).exp().setName("e^s").value();
        double total = exps.get(0, 0) + exps.get(0, 1) + exps.get(0, 2);
        Tensor p = first.probabilities.value();

        page.text("Scores s = [6, -2, 3]; softmax p_i = e^s_i / sum_j e^s_j (Chainrule subtracts the largest"
                + " score first, which changes nothing but avoids overflow). Cross-entropy L = -sum_i y_i ln p_i,"
                + " with the natural log throughout.");
        page.section("Softmax against notes A (the example is in notes A only)");
        page.text("Each line: Chainrule's value, the figure the notes print (verbatim), and which it is. The notes"
                + " print the exponentials as t = [403.4, 0.135, 20.0] and the softmax as [0.952, 0.00037, 0.048].");
        page.quote("t1 = e^6", exps.get(0, 0), "e^6");
        page.quote("t2 = e^-2", exps.get(0, 1), "e^-2");
        page.quote("t3 = e^3", exps.get(0, 2), "e^3");
        page.quote("sum of t", total, "sum t");
        page.quote("p1", p.get(0, 0), "p1");
        page.quote("p2", p.get(0, 1), "p2");
        page.quote("p3", p.get(0, 2), "p3");
        page.endRows();

        page.section("Cross-entropy against notes A");
        page.text("Chainrule uses the natural log throughout; the notes' figures are base-10 logarithms.");
        page.quote("L<1,0,0> = -ln p1", first.loss.value().item(), "L<1,0,0>");
        page.quote("L<0,0,1> = -ln p3", third.loss.value().item(), "L<0,0,1>");
        page.endRows();

        page.section("Backward trace of L against <1,0,0>");
        page.trace(BackwardTrace.record(first.loss));
        return first.graph;
    }
}
