package org.chainrule.examples.walkthrough;

import java.util.ArrayList;
import java.util.List;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.trace.BackwardTrace;

/**
 * Lesson 5 (notes E): the 2-3-2 sigmoid network with L2 loss, examples as rows and no
 * biases as in the notes: {@code h = sigmoid(x w)}, {@code y = sigmoid(h u)},
 * {@code L = 1/2 sum_j (y_j - t_j)^2}. Every closed-form derivative
 * <pre>
 * dL/du_ij = (y_j - t_j) y_j (1 - y_j) h_i
 * dL/dw_ij = sum_k (y_k - t_k) y_k (1 - y_k) u_jk h_j (1 - h_j) x_i
 * </pre>
 * is evaluated from the forward values alone and set beside the graph's gradient; {@code dL/dh1}
 * is shown as the sum of its two paths (through y1 and y2), and the notes' compact form
 * {@code delta_j = sum_k delta_k w_jk y_j (1 - y_j)} is flagged (it means {@code u_jk} and
 * {@code h_j (1 - h_j)}). The notes give no numbers for this network; the lesson picks small
 * fixed ones.
 */
final class Network232 {
    private static final double[] X = {0.35, 0.9};
    private static final double[][] W = {{0.1, 0.4, -0.3}, {0.8, -0.6, 0.2}};
    private static final double[][] U = {{0.3, -0.5}, {0.9, 0.2}, {-0.7, 0.6}};
    private static final double[] T = {1, 0};

    private Network232() {
    }

    static Graph teach(Page page) {
        Graph g = new Graph();
        Node x = g.input("x", Tensor.row(X));
        Node w = g.parameter("w", Tensor.of(W));
        Node u = g.parameter("u", Tensor.of(U));
        Node h = x.matmul(w).setName("xw").sigmoid().setName("h");
        Node y = h.matmul(u).setName("hu").sigmoid().setName("y");
        Node e = y.add(g.constant("t", Tensor.row(T)).neg().setName("-t")).setName("e");
        Node loss = e.mul(e).setName("e2").sum().setName("S").scale(0.5).setName("L");

        page.text("Nodes: xw = x w, h = sigmoid(xw), hu = h u, y = sigmoid(hu), e = y + (-t), e2 = e * e,"
                + " S = sum(e2), L = S / 2. x = <0.35, 0.9>, w = [[0.1, 0.4, -0.3], [0.8, -0.6, 0.2]] (2x3, w_ij from"
                + " x_i to h_j), u = [[0.3, -0.5], [0.9, 0.2], [-0.7, 0.6]] (3x2, u_ij from h_i to y_j), targets"
                + " t = <1, 0>. The notes give the formulas but no numbers; these are chosen for the lesson.");
        page.section("The closed forms of notes E that this lesson checks");
        page.verbatim("dL/du_ij = (y_j - t_j) y_j (1 - y_j) h_i = delta_j h_i\n"
                + "dL/dw_ij = sum_k (y_k - t_k) y_k (1 - y_k) u_jk h_j (1 - h_j) x_i");
        BackwardTrace trace = BackwardTrace.record(loss);

        double[] hv = row(h.value());
        double[] yv = row(y.value());
        Tensor gu = u.gradient();
        Tensor gw = w.gradient();
        double[] outDelta = new double[2];
        for (int k = 0; k < 2; k++) {
            outDelta[k] = (yv[k] - T[k]) * yv[k] * (1 - yv[k]);
        }
        List<List<String>> rows = new ArrayList<>();
        boolean allEqual = true;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                double closed = outDelta[j] * hv[i];
                allEqual &= addRow(rows, "dL/du_" + (i + 1) + (j + 1), closed, gu.get(i, j));
            }
        }
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                double back = 0;
                for (int k = 0; k < 2; k++) {
                    back += outDelta[k] * U[j][k];
                }
                double closed = back * hv[j] * (1 - hv[j]) * X[i];
                allEqual &= addRow(rows, "dL/dw_" + (i + 1) + (j + 1), closed, gw.get(i, j));
            }
        }
        page.section("Forward values");
        page.verbatim("h = " + h.value() + "\ny = " + y.value() + "\nL = " + Tensor.format(loss.value().item()));
        page.section("Closed forms against the graph's gradients");
        page.table(List.of("derivative", "closed form", "graph", "equal to 1e-12"), rows);
        page.check("every closed-form derivative equals the graph's gradient", allEqual);
        twoPathsToH1(page, hv, yv, h.gradient().get(0, 0));
        compactFormErratum(page);
        page.section("Backward trace of L");
        page.trace(trace);
        return g;
    }

    /** {@code dL/dh1} as the sum over its two paths, through y1 and through y2. */
    private static void twoPathsToH1(Page page, double[] hv, double[] yv, double graph) {
        page.section("dL/dh1: one sum over two paths");
        page.text("h1 reaches L along two paths, through y1 (by u_11) and through y2 (by u_12); the multivariable"
                + " chain rule adds one product per path.");
        StringBuilder lines = new StringBuilder();
        double sum = 0;
        for (int k = 0; k < 2; k++) {
            double product = (yv[k] - T[k]) * yv[k] * (1 - yv[k]) * U[0][k];
            sum += product;
            int j = k + 1;
            lines.append("through y").append(j).append(":  dL/dy").append(j).append(" * dy").append(j).append("/dhu")
                    .append(j).append(" * dhu").append(j).append("/dh1 = (y").append(j).append(" - t").append(j)
                    .append(") * y").append(j).append(" (1 - y").append(j).append(") * u_1").append(j).append('\n')
                    .append("             = ").append(Page.number(yv[k] - T[k])).append(" * ")
                    .append(Page.number(yv[k] * (1 - yv[k]))).append(" * ").append(factor(U[0][k]))
                    .append(" = ").append(Page.number(product)).append('\n');
        }
        lines.append("sum:         dL/dh1 = ").append(Page.number(sum)).append('\n');
        lines.append("backward:    Delta(h)[1] = ").append(Page.number(graph));
        page.verbatim(lines.toString());
        page.check("the two paths' sum equals h1's Delta from backward (to 1e-12)",
                Math.abs(sum - graph) <= 1e-12 * Math.max(1, Math.abs(sum)));
    }

    /** The notes' compact form of dL/dw names the wrong weights and the wrong layer. */
    private static void compactFormErratum(Page page) {
        page.section("Erratum in the notes' compact form");
        page.verbatim("printed (twice):  dL/dw_ij = delta_j x_i,  delta_j = sum_k delta_k w_jk y_j (1 - y_j)\n"
                + "meant:            dL/dw_ij = delta_j x_i,  delta_j = sum_k delta_k u_jk h_j (1 - h_j)");
        page.text("The element formula above is right; the compact form is not. delta_j of a hidden unit j"
                + " gathers the output deltas delta_k through the weights u_jk that leave h_j, and multiplies by"
                + " the sigmoid's derivative at h_j. The printed w_jk and y_j cannot even be evaluated here: w is"
                + " 2x3, so w_31 and w_32 do not exist, and there is no y_3.");
    }

    /** A factor after a times sign: a negative one in parentheses. */
    private static String factor(double v) {
        return v < 0 ? "(" + Page.number(v) + ")" : Page.number(v);
    }

    private static boolean addRow(List<List<String>> rows, String name, double closed, double graph) {
        boolean equal = Math.abs(closed - graph) <= 1e-12 * Math.max(1, Math.abs(closed));
        rows.add(List.of(name, Tensor.format(closed), Tensor.format(graph), equal ? "yes" : "no " + Page.DIFFERS));
        return equal;
    }

    private static double[] row(Tensor t) {
        return t.toArray()[0];
    }
}
