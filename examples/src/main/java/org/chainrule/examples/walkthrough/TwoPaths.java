package org.chainrule.examples.walkthrough;

import java.util.ArrayList;
import java.util.List;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.trace.BackwardTrace;
import org.chainrule.graph.trace.Blackboard;
import org.chainrule.graph.trace.PathSum;

/**
 * Lesson 4 (notes D): the multivariable chain rule on {@code y = f(w)}, {@code z = f(w)},
 * {@code p = g(y)}, {@code q = h(z)}, {@code o = K(p, q)}, with {@code f = sigmoid},
 * {@code g = tanh}, {@code h = ln} and {@code K(p, q) = p q} (the notes leave them abstract).
 * {@link PathSum} lists both paths term by term; their sum equals the backward pass, and
 * equals the notes' formula
 * {@code do/dw = dK/dp g'(y) f'(w) + dK/dq h'(z) f'(w)} evaluated by hand. The lesson says
 * why backward makes more products than the path sum on this small graph, and shows the chain
 * of diamonds, where the paths double at every layer and backward's saving grows.
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
        page.pathSum(sum);
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

        workCompared(page, sum);

        page.section("Backward trace of o");
        page.text("Backward gets the same number by dynamic programming: w receives one contribution from y and"
                + " one from z, and adds them.");
        w.parameter().zeroGradient(); // PathSum ran one backward already; the picture should show one pass
        page.trace(BackwardTrace.record(o));
        return g;
    }

    /** Says plainly why backward does more work here, and shows the diamond chain, where it saves. */
    private static void workCompared(Page page, PathSum sum) {
        page.section("Work: when backward saves, and when it does not");
        page.text("Here backward makes more products than the path sum (" + sum.backwardProducts() + " against "
                + sum.pathMultiplications() + "): it makes one product dh'/dh * Delta(h') per edge, while a path of"
                + " 3 edges needs only 2 multiplications. With two paths that share no edge there is nothing to"
                + " share, and backward's extra products are the ones by Delta(o) = 1. Backward saves when paths"
                + " share edges, and the saving grows with depth. In a chain of k diamonds from c0 = w,"
                + " a_i = tanh(c_(i-1)), b_i = sigmoid(c_(i-1)), c_i = a_i * b_i, every diamond doubles the paths:"
                + " 2^k paths of 2k edges each, against 4k edges for backward.");
        List<List<String>> rows = new ArrayList<>();
        boolean allAgree = true;
        for (int k : new int[] {1, 2, 3, 4, 6, 8, 10}) {
            Node[] chain = diamonds(k);
            PathSum diamond = PathSum.compute(chain[0], chain[1]);
            allAgree &= diamond.agrees();
            rows.add(List.of(Integer.toString(k), Blackboard.count(diamond.paths().size(), "path"),
                    Blackboard.count(diamond.pathMultiplications(), "multiplication"),
                    Blackboard.count(diamond.backwardProducts(), "product")));
        }
        int deep = 30;
        Node[] chain = diamonds(deep);
        long paths = PathSum.countPaths(chain[0], chain[1]);
        long edges = BackwardTrace.record(chain[1], Tensor.scalar(1.0), 1).totalEdges();
        rows.add(List.of(Integer.toString(deep), Blackboard.count(paths, "path"),
                Blackboard.count(paths * (2L * deep - 1), "multiplication") + " (not run)",
                Blackboard.count(edges, "product")));
        page.table(List.of("diamonds k", "paths", "path sum", "backward"), rows);
        page.check("for k up to 10, every path sum equals its backward pass (to 1e-12)", allAgree);
        page.text("From two diamonds on, backward does less work, and from then on the path sum's work more than"
                + " doubles with every diamond while backward's grows by 4 products.");
    }

    /** A chain of {@code k} diamonds; returns its start w and its end c_k. */
    private static Node[] diamonds(int k) {
        Graph g = new Graph();
        Node w = g.parameter("w", Tensor.scalar(W));
        Node c = w;
        for (int i = 1; i <= k; i++) {
            Node a = c.tanh().setName("a" + i);
            Node b = c.sigmoid().setName("b" + i);
            c = a.mul(b).setName("c" + i);
        }
        return new Node[] {w, c};
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a));
    }
}
