package org.chainrule.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.ShapeMismatchException;
import org.chainrule.core.Tensor;

/**
 * Derivatives built on {@link Graph#gradients}, the backward pass recorded as a graph: a
 * Hessian-vector product, a Jacobian-vector product (forward mode by the double-VJP trick), and
 * the full Jacobian and Hessian of a small function. Each records nodes in the function's graph
 * (so a graph reused in a loop should be recycled), and each states its cost in backward passes,
 * one recorded backward pass costing a few forward passes.
 * <pre>{@code
 * Node hv = Derivatives.hessianVectorProduct(loss, w, v);   // H v, about twice a gradient's cost
 * Tensor j = Derivatives.jacobian(output, x);               // one recorded backward pass per output element
 * Derivatives.Hessian h = Derivatives.hessian(loss, List.of(w, b));
 * Tensor wb = h.block(w, b);                                 // d2 loss / dw db
 * }</pre>
 */
public final class Derivatives {
    private Derivatives() {
    }

    /**
     * The Hessian-vector product {@code H v = d/dw (dL/dw . v)}, as a node: two recorded
     * backward passes, without ever forming {@code H}.
     *
     * @param loss a {@code 1x1} node.
     * @param wrt the node to differentiate twice with respect to.
     * @param v a node of {@code wrt}'s shape.
     * @return {@code H v}, shaped like {@code wrt}.
     * @throws ShapeMismatchException if {@code loss} is not {@code 1x1} or {@code v} is not shaped like {@code wrt}.
     * @throws ChainruleException if an argument is null, the nodes belong to different graphs, or
     *     an operation on the way has no graph rule.
     */
    public static Node hessianVectorProduct(Node loss, Node wrt, Node v) {
        ChainruleException.requireNonNull(loss, "hessianVectorProduct: loss");
        ChainruleException.requireNonNull(v, "hessianVectorProduct: v");
        Graph graph = loss.graph();
        Node g = graph.gradient(loss, wrt);
        if (!v.shape().equals(wrt.shape())) {
            throw new ShapeMismatchException("hessianVectorProduct: v is " + v.shape() + " but " + wrt.label()
                    + " is " + wrt.shape() + ": v must have its shape");
        }
        return graph.gradient(g.mul(v).sum(), wrt);
    }

    /**
     * The Jacobian-vector product {@code J v} of {@code output} with respect to {@code wrt}
     * along {@code v}, forward mode by the double-VJP trick: {@code u -> u . J} is linear in a
     * dummy seed {@code u}, so {@code J v = d/du ((u . J) . v)}. Two recorded backward passes.
     *
     * @param output any node.
     * @param wrt the node to differentiate with respect to.
     * @param v a node of {@code wrt}'s shape.
     * @return {@code J v}, shaped like {@code output}.
     * @throws ShapeMismatchException if {@code v} is not shaped like {@code wrt}.
     * @throws ChainruleException if an argument is null, the nodes belong to different graphs, or
     *     an operation on the way has no graph rule.
     */
    public static Node jacobianVectorProduct(Node output, Node wrt, Node v) {
        ChainruleException.requireNonNull(output, "jacobianVectorProduct: output");
        ChainruleException.requireNonNull(wrt, "jacobianVectorProduct: wrt");
        ChainruleException.requireNonNull(v, "jacobianVectorProduct: v");
        if (!v.shape().equals(wrt.shape())) {
            throw new ShapeMismatchException("jacobianVectorProduct: v is " + v.shape() + " but " + wrt.label()
                    + " is " + wrt.shape() + ": v must have its shape");
        }
        Graph graph = output.graph();
        Node u = graph.input("u (dummy seed)", Tensor.of(new double[output.shape().rows()][output.shape().cols()]));
        Node uj = graph.gradients(output, u, List.of(wrt)).get(0);
        return graph.gradient(uj.mul(v).sum(), u);
    }

    /**
     * The Jacobian of {@code output} with respect to {@code wrt}: entry {@code (r, c)} is
     * {@code d output_r / d wrt_c}, both flattened row-major. One recorded backward pass per
     * output element, so for small functions.
     *
     * @param output any node.
     * @param wrt the node to differentiate with respect to.
     * @return the {@code output.size() x wrt.size()} matrix.
     * @throws ChainruleException if an argument is null, the nodes belong to different graphs, or
     *     an operation on the way has no graph rule.
     */
    public static Tensor jacobian(Node output, Node wrt) {
        ChainruleException.requireNonNull(output, "jacobian: output");
        ChainruleException.requireNonNull(wrt, "jacobian: wrt");
        Graph graph = output.graph();
        int rows = output.shape().size();
        double[][] j = new double[rows][];
        for (int r = 0; r < rows; r++) {
            double[][] seed = new double[output.shape().rows()][output.shape().cols()];
            seed[r / output.shape().cols()][r % output.shape().cols()] = 1;
            j[r] = flat(graph.gradients(output, graph.constant(Tensor.of(seed)), List.of(wrt)).get(0).value());
        }
        return Tensor.of(j);
    }

    /**
     * The full Hessian of a small function with respect to several nodes, flattened one after
     * another (row-major each) into one vector of {@code n} entries: {@code n} recorded backward
     * passes after the first, so for small functions.
     *
     * @param loss a {@code 1x1} node.
     * @param wrt the nodes, such as a layer's weight and bias.
     * @return the Hessian, with its blocks by node.
     * @throws ShapeMismatchException if {@code loss} is not {@code 1x1}.
     * @throws ChainruleException if an argument is null, a node belongs to another graph, or an
     *     operation on the way has no graph rule.
     */
    public static Hessian hessian(Node loss, List<Node> wrt) {
        ChainruleException.requireNonNull(loss, "hessian: loss");
        ChainruleException.requireNonNull(wrt, "hessian: wrt");
        for (Node w : wrt) {
            ChainruleException.requireNonNull(w, "hessian: a node in wrt");
        }
        Graph graph = loss.graph();
        List<Node> first = graph.gradients(loss, wrt.toArray(new Node[0]));
        List<Node> flat = new ArrayList<>();
        for (Node g : first) {
            flat.add(g.reshape(1, g.shape().size()));
        }
        Node gradient = flat.size() == 1 ? flat.get(0) : flat.get(0).concatColumns(flat.subList(1, flat.size())
                .toArray(new Node[0]));
        int n = gradient.shape().size();
        double[][] h = new double[n][];
        for (int i = 0; i < n; i++) {
            List<Node> row = graph.gradients(gradient.sliceColumns(i, i + 1), wrt.toArray(new Node[0]));
            double[] values = new double[n];
            int at = 0;
            for (Node r : row) {
                double[] part = flat(r.value());
                System.arraycopy(part, 0, values, at, part.length);
                at += part.length;
            }
            h[i] = values;
        }
        return new Hessian(Tensor.of(h), wrt);
    }

    private static double[] flat(Tensor t) {
        double[] out = new double[t.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getFlat(i);
        }
        return out;
    }

    /**
     * A Hessian over several nodes flattened one after another, with its blocks by node.
     * Immutable.
     */
    public static final class Hessian {
        private final Tensor matrix;
        private final Map<Node, int[]> ranges = new LinkedHashMap<>();

        Hessian(Tensor matrix, List<Node> wrt) {
            this.matrix = matrix;
            int at = 0;
            for (Node w : wrt) {
                ranges.put(w, new int[] {at, at + w.shape().size()});
                at += w.shape().size();
            }
        }

        /**
         * The whole Hessian.
         *
         * @return the {@code n x n} matrix.
         */
        public Tensor matrix() {
            return matrix;
        }

        /**
         * The nodes, in the order their entries are flattened.
         *
         * @return an unmodifiable list.
         */
        public List<Node> nodes() {
            return Collections.unmodifiableList(new ArrayList<>(ranges.keySet()));
        }

        /**
         * The block {@code d2 L / da db}: rows for {@code a}'s entries, columns for {@code b}'s.
         *
         * @param a a node the Hessian was taken with respect to.
         * @param b another, or the same.
         * @return the {@code a.size() x b.size()} block.
         * @throws ChainruleException if a node is not one of the Hessian's.
         */
        public Tensor block(Node a, Node b) {
            int[] ra = range(a);
            int[] rb = range(b);
            double[][] out = new double[ra[1] - ra[0]][rb[1] - rb[0]];
            for (int i = ra[0]; i < ra[1]; i++) {
                for (int j = rb[0]; j < rb[1]; j++) {
                    out[i - ra[0]][j - rb[0]] = matrix.get(i, j);
                }
            }
            return Tensor.of(out);
        }

        private int[] range(Node node) {
            int[] r = ranges.get(ChainruleException.requireNonNull(node, "hessian block: node"));
            if (r == null) {
                throw new ChainruleException("hessian block: " + node.label() + " is not one of the nodes the Hessian"
                        + " was taken with respect to");
            }
            return r;
        }
    }
}
