package org.chainrule.graph.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.ShapeMismatchException;
import org.chainrule.graph.BackwardListener;
import org.chainrule.graph.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * The chain rule as a sum over paths, next to the backward pass that avoids it. For a node
 * {@code w} and a {@code 1x1} output {@code o} of a scalar graph, every path
 * {@code w -> h_1 -> ... -> o} contributes the product of the local derivatives along its
 * edges, and
 *
 * <pre>do/dw = sum over paths of prod over edges (h -> h') of dh'/dh</pre>
 *
 * <p>The number of paths grows exponentially with depth (each diamond doubles it), which is
 * why backpropagation exists: it factors the same sum node by node, dynamic programming over
 * the DAG, {@code Delta(h) = sum over consumers h' of dh'/dh · Delta(h')}, with one product
 * per edge. {@link #compute} lists the paths (refusing above a limit), sums them, runs one real
 * backward pass for comparison, and counts the work of both.
 *
 * <p>The local derivative of a scalar operation with respect to one input is its
 * vector-Jacobian product with output gradient 1. Counting and listing are iterative, so a
 * chain of a million nodes is fine. A path sum is immutable.
 */
public final class PathSum {
    /** Above this many paths, {@link #compute(Node, Node)} refuses to list them. */
    public static final long DEFAULT_LIMIT = 10_000;
    /** Whatever the path limit, listing stops above this many factors over all paths (memory). */
    static final long MAX_FACTORS = 20_000_000;
    /** How many paths and factors per path a rendering shows before it abbreviates. */
    private static final int SHOWN_PATHS = 100;
    private static final int SHOWN_FACTORS = 10;

    private final Node from;
    private final Node to;
    private final List<Path> paths;
    private final double sum;
    private final double backwardGradient;
    private final long backwardProducts;

    /**
     * One edge's local derivative on a path: {@code d consumer / d input} as a number.
     *
     * @param consumer the node {@code h'} at the head of the edge.
     * @param input which of its arguments the edge comes from.
     * @param value {@code dh'/dh}, the consumer's vector-Jacobian product with gradient 1.
     */
    public record Factor(Node consumer, int input, double value) {
        /**
         * The node at the tail of the edge.
         *
         * @return the consumer's argument number {@code input}.
         */
        public Node from() {
            return consumer.inputs().get(input);
        }

        /**
         * The local derivative's formula, as the consumer's operation states it.
         *
         * @return e.g. {@code "1 - h^2"} for a tanh node {@code h}, or the empty string.
         */
        public String formula() {
            return Notation.formula(consumer, input);
        }
    }

    /**
     * One path from {@code w} to {@code o}, its factors in order from {@code w}.
     *
     * @param factors the local derivatives along the path.
     * @param product their product.
     */
    public record Path(List<Factor> factors, double product) {
        /**
         * Freezes the factors.
         *
         * @throws org.chainrule.core.ChainruleException if {@code factors} is null.
         */
        public Path {
            factors = List.copyOf(ChainruleException.requireNonNull(factors, "PathSum.Path: factors"));
        }
    }

    private PathSum(Node from, Node to, List<Path> paths, double sum, double backwardGradient, long backwardProducts) {
        this.from = from;
        this.to = to;
        this.paths = Collections.unmodifiableList(paths);
        this.sum = sum;
        this.backwardGradient = backwardGradient;
        this.backwardProducts = backwardProducts;
    }

    /**
     * Counts the paths from {@code w} to {@code o} by dynamic programming in topological
     * order: {@code paths(v) = sum over edges (u -> v) of paths(u)}, from {@code paths(w) = 1}.
     * Works on any graph, scalar or not, in time linear in its size.
     *
     * @param w the start node.
     * @param o the end node, in the same graph.
     * @return the number of paths, or {@link Long#MAX_VALUE} if it is at least that large.
     */
    public static long countPaths(Node w, Node o) {
        requireSameGraph(w, o);
        return new Counts(w, o).paths[o.id() - w.id()];
    }

    /**
     * Lists every path from {@code w} to {@code o}, sums their products, and runs one backward
     * pass from {@code o} for comparison (which, like any backward, adds to parameter gradients).
     * Refuses above {@link #DEFAULT_LIMIT} paths.
     *
     * @param w a node that needs a gradient, typically a parameter.
     * @param o a {@code 1x1} node downstream of {@code w}.
     * @return the path sum.
     * @throws ChainruleException if there are too many paths, with the count and the reason
     *     backpropagation exists; or if a node on a path is not {@code 1x1}.
     */
    public static PathSum compute(Node w, Node o) {
        return compute(w, o, DEFAULT_LIMIT);
    }

    /**
     * {@link #compute(Node, Node)} with a chosen limit on the number of paths.
     *
     * @param w a node that needs a gradient, typically a parameter.
     * @param o a {@code 1x1} node downstream of {@code w}.
     * @param limit the most paths to list, at least 1.
     * @return the path sum.
     * @throws ChainruleException if there are more than {@code limit} paths.
     */
    public static PathSum compute(Node w, Node o, long limit) {
        requireSameGraph(w, o);
        if (limit < 1) {
            throw new ChainruleException("PathSum: the path limit must be at least 1, got " + limit);
        }
        if (w == o) {
            throw new ChainruleException("PathSum: w and o are the same node " + w.label()
                    + "; choose a w upstream of o");
        }
        if (!w.requiresGradient()) {
            throw new ChainruleException("PathSum: " + w.label() + " gets no gradient (it depends on no parameter);"
                    + " choose a parameter or a node computed from one");
        }
        if (!o.shape().isScalar()) {
            throw new ShapeMismatchException("PathSum: the output " + o.label() + " is " + o.shape()
                    + "; a path sum needs a 1x1 output");
        }
        Counts counts = new Counts(w, o);
        long count = counts.paths[o.id() - w.id()];
        long edges = counts.edges();
        if (count > limit) {
            throw tooMany(w, o, count, limit, edges);
        }
        long factors = counts.factors[o.id() - w.id()];
        if (factors > MAX_FACTORS) {
            throw new ChainruleException("PathSum: the " + Notation.count(count) + " paths from " + w.label()
                    + " to " + o.label() + " have " + Notation.count(factors) + " edges in all, too many to list."
                    + " Backpropagation gets the same sum with one product per edge of the graph ("
                    + Notation.count(edges) + " here)");
        }
        List<Path> paths = enumerate(w, o, counts);
        double total = 0;
        for (Path p : paths) {
            total += p.product();
        }
        GradientOf probe = new GradientOf(w);
        o.graph().backward(o, probe);
        return new PathSum(w, o, paths, total, probe.gradient, probe.edges);
    }

    private static ChainruleException tooMany(Node w, Node o, long count, long limit, long edges) {
        String howMany = count == Long.MAX_VALUE ? "at least " + Notation.count(count) : Notation.count(count);
        return new ChainruleException("PathSum: there are " + howMany + " paths from " + w.label() + " to "
                + o.label() + ", more than the limit of " + Notation.count(limit) + ". The number of paths grows"
                + " exponentially with depth (every diamond doubles it), so summing a product per path is hopeless"
                + " for real networks. That is why backpropagation exists: it computes the same sum by dynamic"
                + " programming over the DAG, Delta(h) = sum over consumers h' of dh'/dh * Delta(h'), visiting"
                + " each node once with one product per edge (" + Notation.count(edges) + " edges here)");
    }

    private static void requireSameGraph(Node w, Node o) {
        ChainruleException.requireNonNull(w, "PathSum: w");
        ChainruleException.requireNonNull(o, "PathSum: o");
        if (w.graph() != o.graph()) {
            throw new ChainruleException("PathSum: " + w.label() + " and " + o.label() + " belong to different graphs");
        }
    }

    /**
     * Path counts from {@code w} and the total edges over those paths, for every node between
     * {@code w} and {@code o} (indexed by {@code id - w.id}), saturating at {@link Long#MAX_VALUE},
     * plus which of those nodes lead on to {@code o}.
     */
    private static final class Counts {
        final Node w;
        final Node o;
        final long[] paths;
        final long[] factors;
        final boolean[] reachesOutput;

        Counts(Node w, Node o) {
            this.w = w;
            this.o = o;
            int size = Math.max(0, o.id() - w.id() + 1);
            paths = new long[size];
            factors = new long[size];
            reachesOutput = new boolean[size];
            if (size == 0) {
                return;
            }
            List<Node> nodes = w.graph().nodes();
            paths[0] = 1;
            for (int i = 1; i < size; i++) {
                for (Node u : nodes.get(w.id() + i).inputs()) {
                    int j = u.id() - w.id();
                    if (j >= 0 && paths[j] > 0) {
                        paths[i] = saturatingAdd(paths[i], paths[j]);
                        // every path to u, extended by this edge
                        factors[i] = saturatingAdd(factors[i], saturatingAdd(factors[j], paths[j]));
                    }
                }
            }
            reachesOutput[size - 1] = true;
            for (int i = size - 1; i > 0; i--) {
                if (reachesOutput[i]) {
                    for (Node u : nodes.get(w.id() + i).inputs()) {
                        int j = u.id() - w.id();
                        if (j >= 0) {
                            reachesOutput[j] = true;
                        }
                    }
                }
            }
        }

        /** Whether node {@code v} lies on some path from w to o. */
        boolean onPath(Node v) {
            int i = v.id() - w.id();
            return i >= 0 && i < paths.length && paths[i] > 0 && reachesOutput[i];
        }

        /** Number of edges between nodes that lie on paths from w to o. */
        long edges() {
            long edges = 0;
            List<Node> nodes = w.graph().nodes();
            for (int i = 1; i < paths.length; i++) {
                Node v = nodes.get(w.id() + i);
                if (onPath(v)) {
                    for (Node u : v.inputs()) {
                        if (onPath(u)) {
                            edges++;
                        }
                    }
                }
            }
            return edges;
        }

        private static long saturatingAdd(long a, long b) {
            long s = a + b;
            return s < 0 ? Long.MAX_VALUE : s;
        }
    }

    /**
     * Every path, by an iterative depth-first walk backwards from {@code o} over the nodes
     * that lie on paths, with each edge's local derivative computed once.
     */
    private static List<Path> enumerate(Node w, Node o, Counts counts) {
        double[][] local = new double[counts.paths.length][];
        List<Path> paths = new ArrayList<>();
        List<Node> stack = new ArrayList<>();
        List<Integer> nextInput = new ArrayList<>();
        List<Factor> edges = new ArrayList<>();
        stack.add(o);
        nextInput.add(0);
        while (!stack.isEmpty()) {
            int top = stack.size() - 1;
            Node v = stack.get(top);
            int k = nextInput.get(top);
            if (k == v.inputs().size()) {
                stack.remove(top);
                nextInput.remove(top);
                if (top > 0) {
                    edges.remove(edges.size() - 1);
                }
                continue;
            }
            nextInput.set(top, k + 1);
            Node u = v.inputs().get(k);
            if (!counts.onPath(u)) {
                continue;
            }
            Factor factor = new Factor(v, k, localDerivative(v, k, local, counts));
            if (u == w) {
                List<Factor> path = new ArrayList<>(edges.size() + 1);
                path.add(factor);
                for (int i = edges.size() - 1; i >= 0; i--) {
                    path.add(edges.get(i));
                }
                double product = 1;
                for (Factor f : path) {
                    product *= f.value();
                }
                paths.add(new Path(path, product));
            } else {
                edges.add(factor);
                stack.add(u);
                nextInput.add(0);
            }
        }
        return paths;
    }

    /** {@code dv/d(input k)} for a scalar node: its vector-Jacobian product with gradient 1. */
    private static double localDerivative(Node v, int k, double[][] local, Counts counts) {
        int i = v.id() - counts.w.id();
        if (local[i] == null) {
            requireScalar(v);
            local[i] = new double[v.inputs().size()];
            Arrays.fill(local[i], Double.NaN);
        }
        if (Double.isNaN(local[i][k])) {
            List<Node> inputs = v.inputs();
            DMatrixRMaj[] values = new DMatrixRMaj[inputs.size()];
            for (int j = 0; j < values.length; j++) {
                values[j] = inputs.get(j).value().matrixView();
            }
            requireScalar(inputs.get(k));
            DMatrixRMaj one = new DMatrixRMaj(1, 1);
            one.data[0] = 1;
            DMatrixRMaj d = new DMatrixRMaj(1, 1);
            v.operation().vjp(k, values, v.value().matrixView(), one, d);
            local[i][k] = d.data[0];
        }
        return local[i][k];
    }

    private static void requireScalar(Node v) {
        if (!v.shape().isScalar()) {
            throw new ShapeMismatchException("PathSum: node " + v.label() + " on a path is " + v.shape()
                    + "; path sums are for scalar graphs, where every node on a path is 1x1");
        }
    }

    /** Sums this pass's contributions into one node and counts the edges the engine handled. */
    private static final class GradientOf implements BackwardListener {
        private final Node target;
        double gradient;
        long edges;

        GradientOf(Node target) {
            this.target = target;
        }

        @Override
        public void reached(Node node) {
        }

        @Override
        public void contributed(Node consumer, int input, DMatrixRMaj contribution) {
            edges++;
            if (consumer.inputs().get(input) == target) {
                gradient += contribution.data[0];
            }
        }
    }

    /**
     * The start node {@code w}.
     *
     * @return w.
     */
    public Node from() {
        return from;
    }

    /**
     * The output {@code o}.
     *
     * @return o.
     */
    public Node to() {
        return to;
    }

    /**
     * Every path from {@code w} to {@code o}.
     *
     * @return an unmodifiable list, in depth-first order from {@code o}'s first argument.
     */
    public List<Path> paths() {
        return paths;
    }

    /**
     * The sum over paths of each path's product: {@code do/dw} computed the slow way.
     *
     * @return the sum.
     */
    public double sum() {
        return sum;
    }

    /**
     * {@code do/dw} as one backward pass computed it: the sum of the contributions that
     * reached {@code w} in that pass.
     *
     * @return the backward gradient.
     */
    public double backwardGradient() {
        return backwardGradient;
    }

    /**
     * Whether the path sum equals the backward gradient up to rounding:
     * {@code |sum - backward| <= 1e-12 max(1, |sum|)}.
     *
     * @return true when the two agree.
     */
    public boolean agrees() {
        return Math.abs(sum - backwardGradient) <= 1e-12 * Math.max(1, Math.abs(sum));
    }

    /**
     * Multiplications the path sum needs: a path of {@code k} edges needs {@code k - 1}.
     *
     * @return the total over all paths.
     */
    public long pathMultiplications() {
        long total = 0;
        for (Path p : paths) {
            total += p.factors().size() - 1;
        }
        return total;
    }

    /**
     * Edges the backward pass handled, one product {@code dh'/dh · Delta(h')} each; it
     * gave the gradient of every node on the way, not only {@code w}'s.
     *
     * @return the number of vector-Jacobian products.
     */
    public long backwardProducts() {
        return backwardProducts;
    }

    /**
     * The paths, their products, the sum, the backward gradient and the work of each, as
     * plain text or Markdown.
     *
     * @param format the format.
     * @return the rendering, ending with a newline.
     */
    public String render(Format format) {
        boolean md = format == Format.MARKDOWN;
        String w = Notation.symbol(from);
        String o = Notation.symbol(to);
        StringBuilder sb = new StringBuilder();
        sb.append("Every path from ").append(w).append(" to ").append(o).append(" (")
                .append(Notation.count(paths.size())).append(paths.size() == 1 ? " path" : " paths")
                .append("), each the product of the local derivatives along it:\n");
        if (md) {
            sb.append("\n| path | local derivatives along it | product |\n|---|---|---|\n");
        }
        for (int p = 0; p < Math.min(paths.size(), SHOWN_PATHS); p++) {
            Path path = paths.get(p);
            List<String> factors = factorLines(path);
            String product = Blackboard.number(path.product());
            if (md) {
                List<String> cells = new ArrayList<>();
                for (String f : factors) {
                    cells.add(Notation.code(f));
                }
                sb.append("| ").append(p + 1).append(". ").append(Notation.cell(Notation.code(route(path))))
                        .append(" | ").append(Notation.cell(String.join("<br>", cells)))
                        .append(" | ").append(Notation.code(product)).append(" |\n");
            } else {
                sb.append("  path ").append(p + 1).append(": ").append(route(path)).append('\n');
                for (String f : factors) {
                    sb.append("    ").append(f).append('\n');
                }
                sb.append("    product = ").append(product).append('\n');
            }
        }
        if (paths.size() > SHOWN_PATHS) {
            sb.append(md ? "\n" : "  ").append("... and ").append(Notation.count(paths.size() - SHOWN_PATHS))
                    .append(" more paths, all in the sum.\n");
        }
        String dodw = Notation.derivative(to, from);
        String sumLine = "Sum over the paths:  " + dodw + " = " + Blackboard.number(sum);
        String backLine = "One backward pass:   " + dodw + " = " + Blackboard.number(backwardGradient)
                + (agrees() ? "   (equal to the path sum, to 1e-12)" : "   (DIFFERENT from the path sum)");
        String work = "Work: the path sum multiplies along " + Blackboard.count(paths.size(), "path") + ": "
                + Blackboard.count(pathMultiplications(), "multiplication") + " and "
                + Blackboard.count(Math.max(0, paths.size() - 1), "addition") + ". The backward pass made "
                + Blackboard.count(backwardProducts, "product") + " dh'/dh * Delta(h'), one per edge, and got the"
                + " gradient of every node on the way at once.";
        if (md) {
            sb.append("\n    ").append(sumLine).append("\n    ").append(backLine).append("\n\n");
        } else {
            sb.append(sumLine).append('\n').append(backLine).append('\n');
        }
        return sb.append(md ? work : Blackboard.wrapIndented(work, 0)).append('\n').toString();
    }

    /** {@code w -> h1 -> ... -> o}, abbreviated in the middle for a long path. */
    private String route(Path path) {
        List<Factor> factors = path.factors();
        if (factors.size() > 2 * SHOWN_FACTORS) {
            return Notation.symbol(from) + " -> ... (" + Notation.count(factors.size()) + " edges) -> "
                    + Notation.symbol(to);
        }
        StringBuilder sb = new StringBuilder(Notation.symbol(from));
        for (Factor f : factors) {
            sb.append(" -> ").append(Notation.symbol(f.consumer()));
        }
        return sb.toString();
    }

    /** {@code dh'/dh = formula = value} per factor, the middle of a long path left out. */
    private static List<String> factorLines(Path path) {
        List<Factor> factors = path.factors();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < factors.size(); i++) {
            if (factors.size() > 2 * SHOWN_FACTORS && i == SHOWN_FACTORS) {
                lines.add("... " + Notation.count(factors.size() - 2 * SHOWN_FACTORS) + " more factors ...");
                i = factors.size() - SHOWN_FACTORS;
            }
            Factor f = factors.get(i);
            String formula = f.formula().isEmpty() ? "" : f.formula() + " = ";
            lines.add(Notation.derivative(f.consumer(), f.from()) + " = " + formula + Blackboard.number(f.value()));
        }
        return lines;
    }

    /** The path sum as plain text. */
    @Override
    public String toString() {
        return render(Format.TEXT);
    }
}
