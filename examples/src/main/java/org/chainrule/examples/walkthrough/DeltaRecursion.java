package org.chainrule.examples.walkthrough;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.trace.BackwardTrace;

/**
 * Lesson 12 (notes D): backpropagation in pre-activation form,
 * <pre>
 * delta(o)   = Phi'(a_o) * dL/do
 * delta(h_r) = Phi'(a_r) * sum_h w(r, h) * delta(h)
 * dL/dw(r-1, r) = delta(h_r) * h_(r-1)
 * </pre>
 * evaluated by hand on a 2-3-2-1 network (tanh, sigmoid, linear output, L2 loss) and set
 * beside the graph's {@code Delta} of every pre-activation and its weight gradients. The
 * notes' algorithm (its step 3, and the paragraph after it) prints {@code Phi(a_r)} without
 * the prime; the lesson computes that version too and shows it is wrong.
 */
final class DeltaRecursion {
    private static final double[] X = {0.5, -0.4};
    private static final double[][] W1 = {{0.2, -0.6, 0.9}, {0.7, 0.3, -0.5}};
    private static final double[][] W2 = {{0.4, -0.8}, {-0.3, 0.6}, {0.5, 0.1}};
    private static final double[][] W3 = {{1.2}, {-0.7}};
    private static final double T = 0.25;

    private DeltaRecursion() {
    }

    static Graph teach(Page page) {
        Graph g = new Graph();
        Node x = g.input("x", Tensor.row(X));
        Node w1 = g.parameter("W1", Tensor.of(W1));
        Node w2 = g.parameter("W2", Tensor.of(W2));
        Node w3 = g.parameter("W3", Tensor.of(W3));
        Node a1 = x.matmul(w1).setName("a1");
        Node h1 = a1.tanh().setName("h1");
        Node a2 = h1.matmul(w2).setName("a2");
        Node h2 = a2.sigmoid().setName("h2");
        Node o = h2.matmul(w3).setName("o");
        Node e = o.add(g.constant("t", Tensor.scalar(T)).neg().setName("-t")).setName("e");
        Node loss = e.mul(e).setName("e2").sum().setName("S").scale(0.5).setName("L");
        BackwardTrace trace = BackwardTrace.record(loss);

        page.text("A 2-3-2-1 network, examples as rows, no biases: a1 = x W1, h1 = tanh(a1), a2 = h1 W2,"
                + " h2 = sigmoid(a2), o = h2 W3 (a linear output, so a_o = o), L = (o - t)^2 / 2 with"
                + " x = <0.5, -0.4>, t = 0.25, W1 = [[0.2, -0.6, 0.9], [0.7, 0.3, -0.5]],"
                + " W2 = [[0.4, -0.8], [-0.3, 0.6], [0.5, 0.1]], W3 = [[1.2], [-0.7]]. The notes state the"
                + " recursion without numbers; these are chosen for the lesson. delta(h) is dL/da_h, the"
                + " derivative with respect to the unit's pre-activation.");
        page.section("The recursion, as notes D derive it");
        page.verbatim("delta(o)   = Phi'(a_o) * dL/do\n"
                + "delta(h_r) = Phi'(a_r) * sum_h w(r, h) * delta(h)      h: the units h_r feeds\n"
                + "dL/dw(r-1, r) = delta(h_r) * h_(r-1)\n"
                + "Phi' per activation: linear 1, sigmoid h (1 - h), tanh 1 - h^2,\n"
                + "                     relu 1 where a > 0 else 0, hard tanh 1 where -1 < a < 1 else 0");

        double[] hv1 = h1.value().toArray()[0];
        double[] hv2 = h2.value().toArray()[0];
        double ov = o.value().item();
        double deltaO = 1 * (ov - T); // linear output: Phi' = 1; dL/do = o - t
        double[] delta2 = new double[2];
        for (int j = 0; j < 2; j++) {
            delta2[j] = hv2[j] * (1 - hv2[j]) * W3[j][0] * deltaO;
        }
        double[] delta1 = back(hv1, delta2, h -> 1 - h * h);
        double[] a1v = a1.value().toArray()[0];
        double[] printed1 = new double[3]; // the notes' step 3: Phi(a_r) where Phi'(a_r) is meant
        for (int i = 0; i < 3; i++) {
            double sum = 0;
            for (int j = 0; j < 2; j++) {
                sum += W2[i][j] * delta2[j];
            }
            printed1[i] = Math.tanh(a1v[i]) * sum;
        }

        page.section("By hand, from the output back, against backward's Delta of each pre-activation");
        List<List<String>> rows = new ArrayList<>();
        boolean allEqual = row(rows, "delta(o)", "1 * (o - t)", deltaO, o.gradient().item());
        for (int j = 0; j < 2; j++) {
            allEqual &= row(rows, "delta(h2_" + (j + 1) + ")", "h2_" + (j + 1) + " (1 - h2_" + (j + 1) + ") * W3["
                    + (j + 1) + ",1] delta(o)", delta2[j], a2.gradient().get(0, j));
        }
        for (int i = 0; i < 3; i++) {
            allEqual &= row(rows, "delta(h1_" + (i + 1) + ")", "(1 - h1_" + (i + 1) + "^2) * sum_j W2[" + (i + 1)
                    + ",j] delta(h2_j)", delta1[i], a1.gradient().get(0, i));
        }
        page.table(List.of("delta", "Phi'(a) * sum w delta", "by hand", "backward", "equal to 1e-12"), rows);
        page.check("every delta equals backward's Delta of that pre-activation", allEqual);
        boolean weights = true;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                weights &= close(delta2[j] * hv1[i], w2.gradient().get(i, j));
            }
        }
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                weights &= close(delta1[j] * X[i], w1.gradient().get(i, j));
            }
        }
        page.check("every dL/dw(r-1, r) = delta(h_r) * h_(r-1) equals backward's weight gradient", weights);

        page.section("Erratum: the notes' algorithm drops the prime");
        page.text("The derivation prints Phi'(a_r), but the step-by-step algorithm (its step 3) and the paragraph"
                + " after it print delta(h_r) = Phi(a_r) * sum_h w(r, h) * delta(h): the activation itself, not"
                + " its derivative. For the tanh layer that gives:");
        List<List<String>> wrong = new ArrayList<>();
        boolean allDiffer = true;
        for (int i = 0; i < 3; i++) {
            wrong.add(List.of("delta(h1_" + (i + 1) + ")", Page.number(printed1[i]), Page.number(delta1[i])));
            allDiffer &= !close(printed1[i], delta1[i]);
        }
        page.table(List.of("delta", "with Phi (as printed)", "with Phi' (right)"), wrong);
        page.check("the printed form, Phi without the prime, disagrees with backward", allDiffer);
        page.section("Backward trace of L");
        page.trace(trace);
        return g;
    }

    /** delta of a tanh layer: {@code Phi'(h_i) * sum_j W2[i][j] delta2[j]}. */
    private static double[] back(double[] h, double[] next, DoubleUnaryOperator derivativeAtOutput) {
        double[] delta = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            double sum = 0;
            for (int j = 0; j < next.length; j++) {
                sum += W2[i][j] * next[j];
            }
            delta[i] = derivativeAtOutput.applyAsDouble(h[i]) * sum;
        }
        return delta;
    }

    private static boolean row(List<List<String>> rows, String name, String formula, double hand, double graph) {
        boolean equal = close(hand, graph);
        rows.add(List.of(name, formula, Page.number(hand), Page.number(graph), equal ? "yes" : "no " + Page.DIFFERS));
        return equal;
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a));
    }
}
