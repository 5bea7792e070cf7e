package org.chainrule.examples.walkthrough;

import java.util.List;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.trace.BackwardTrace;
import org.chainrule.graph.trace.Format;
import org.chainrule.graph.trace.PathSum;

/**
 * Lesson 4 (notes D): the multivariable chain rule on {@code y = f(w)}, {@code z = f(w)},
 * {@code p = g(y)}, {@code q = h(z)}, {@code o = K(p, q)}, with {@code f = sigmoid},
 * {@code g = tanh}, {@code h = ln} and {@code K(p, q) = p q} (the notes leave them abstract).
 * {@link PathSum} lists both paths term by term; their sum equals the backward pass, and
 * equals the notes' formula
 * {@code do/dw = dK/dp g'(y) f'(w) + dK/dq h'(z) f'(w)} evaluated by hand.
 */
final class TwoPaths {
    private static final double W = 0.5;

    private TwoPaths() {
    }

    static Graph teach(Page page) {
        Graph g = new Graph();
        Node w = g.parameter("w", Tensor.scalar(W));
        Node y = w.sigmoid().setName("y");
        Node z = w.sigmoid().setName("z");
        Node p = y.tanh().setName("p");
        Node q = z.log().setName("q");
        Node o = p.mul(q).setName("o");

        page.text("w = " + Tensor.format(W) + "; y = f(w), z = f(w), p = g(y), q = h(z), o = K(p, q) with f = sigmoid,"
                + " g = tanh, h = ln and K(p, q) = p * q. Two paths lead from w to o, so the multivariable chain"
                + " rule adds two products: do/dw = dK/dp * g'(y) * f'(w) + dK/dq * h'(z) * f'(w).");
        page.section("Every path, term by term");
        PathSum sum = PathSum.compute(w, o);
        page.verbatim(sum.render(Format.TEXT));
        page.check("path sum equals the backward pass (to 1e-12)", sum.agrees());

        page.section("The notes' formula, evaluated by hand from the forward values");
        double vy = y.value().item();
        double vz = z.value().item();
        double vp = p.value().item();
        double vq = q.value().item();
        double first = vq * (1 - vp * vp) * (vy * (1 - vy));
        double second = vp * (1 / vz) * (vz * (1 - vz));
        page.verbatim("first path:  dK/dp * g'(y) * f'(w) = q * (1 - p^2) * y (1 - y) = " + Tensor.format(first) + "\n"
                + "second path: dK/dq * h'(z) * f'(w) = p * (1 / z) * z (1 - z) = " + Tensor.format(second) + "\n"
                + "do/dw = " + Tensor.format(first + second));
        List<PathSum.Path> paths = sum.paths();
        boolean termByTerm = paths.size() == 2 && close(paths.get(0).product(), first)
                && close(paths.get(1).product(), second);
        page.check("each path's product equals its term in the notes' formula", termByTerm);
        page.check("the formula equals w's gradient from backward", close(first + second, w.gradient().item()));

        page.section("Backward trace of o");
        page.text("Backward gets the same number by dynamic programming: w receives one contribution from y and"
                + " one from z, and adds them.");
        w.parameter().zeroGradient(); // PathSum ran one backward already; the picture should show one pass
        page.trace(BackwardTrace.record(o));
        return g;
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a));
    }
}
