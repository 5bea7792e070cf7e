package org.chainrule.examples.walkthrough;

import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.trace.BackwardTrace;

/**
 * Lesson 2 (notes C): softmax of {@code [6, -2, 3]}, and its cross-entropy against
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
        Tensor exps = first.graph.input("s as data", scores).exp().value();
        double total = exps.get(0, 0) + exps.get(0, 1) + exps.get(0, 2);
        Tensor p = first.probabilities.value();

        page.text("Scores s = [6, -2, 3]; softmax p_i = e^s_i / sum_j e^s_j (Chainrule subtracts the largest"
                + " score first, which changes nothing but avoids overflow). Cross-entropy L = -sum_i y_i ln p_i,"
                + " with the natural log throughout.");
        page.section("Softmax against the notes");
        page.notes("e^6", exps.get(0, 0), "403.429");
        page.notes("e^-2", exps.get(0, 1), "0.135335");
        page.notes("e^3", exps.get(0, 2), "20.0855");
        page.notes("sum of exponentials", total, "423.650");
        page.notes("p1", p.get(0, 0), "0.952270");
        page.erratum("p2", p.get(0, 1), "0.00037", "0.135335 / 423.650 = 0.000319451; the notes misprint it");
        page.notes("p3", p.get(0, 2), "0.0474107");
        page.endRows();

        page.section("Cross-entropy against the notes");
        double l1 = first.loss.value().item();
        double l3 = third.loss.value().item();
        page.recomputed("L against <1,0,0> = -ln p1", l1, "0.0489069");
        page.erratum("L against <1,0,0> = -ln p1", l1, "-0.021", "base-10 log, wrong sign: log10 p1 = "
                + Tensor.format(Math.log10(p.get(0, 0))));
        page.recomputed("L against <0,0,1> = -ln p3", l3, "3.04891");
        page.erratum("L against <0,0,1> = -ln p3", l3, "1.31", "a base-10 figure (-log10 p3 = "
                + Tensor.format(-Math.log10(p.get(0, 2))) + "); Chainrule uses the natural log");
        page.endRows();

        page.section("Backward trace of L against <1,0,0>");
        page.trace(BackwardTrace.record(first.loss));
        return first.graph;
    }
}
