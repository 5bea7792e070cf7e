package org.chainrule.examples.walkthrough;

import java.util.Random;
import org.chainrule.core.Axis;
import org.chainrule.core.Elementwise;
import org.chainrule.core.Products;
import org.chainrule.core.Reductions;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.trace.BackwardTrace;
import org.chainrule.graph.trace.Blackboard;
import org.ejml.data.DMatrixRMaj;

/**
 * Lesson 6 (notes A/B): a two-layer network, examples as columns ({@code X} is {@code n x m}),
 * {@code A1 = W1 X + b1}, {@code H1 = act(A1)}, {@code A2 = W2 H1 + b2},
 * {@code H2 = sigmoid(A2)}, mean binary cross-entropy
 * {@code J = (1/m) sum(-Y ln H2 - (1 - Y) ln(1 - H2))}. The notes' formulas
 * <pre>
 * dA2 = H2 - Y,  dW2 = (1/m) dA2 H1^T,  db2 = (1/m) rowsum(dA2),
 * dA1 = W2^T dA2 * H1 (1 - H1)   (sigmoid hidden layer, notes A)
 * dA1 = W2^T dA2 * (1 - H1^2)    (tanh hidden layer, notes B),
 * dW1 = (1/m) dA1 X^T,  db1 = (1/m) rowsum(dA1)
 * </pre>
 * are evaluated on core's kernels and set beside the graph's gradients, for both hidden
 * activations.
 */
final class Vectorised {
    private static final long SEED = 6;
    private static final double[][] X = {{0.5, -1.0, 1.5, 0.2}, {1.0, 0.3, -0.7, -1.2}};
    private static final double[] Y = {1, 0, 1, 0};

    private Vectorised() {
    }

    static Graph teach(Page page) {
        page.text("n = 2 features, m = 4 examples as the columns of X = [[0.5, -1, 1.5, 0.2], [1, 0.3, -0.7, -1.2]],"
                + " labels Y = [1, 0, 1, 0]; P = Y * ln H2, N = (1-Y) * ln(1-H2), S = sum(P+N), J = -S / m; 3 hidden neurons and one sigmoid output; weights drawn with seed " + SEED
                + " (normal, standard deviation 0.5), biases 0.1.");
        Graph sigmoid = network(page, false);
        network(page, true);
        return sigmoid;
    }

    private static Graph network(Page page, boolean tanh) {
        int m = Y.length;
        Random random = new Random(SEED);
        Graph g = new Graph();
        Node x = g.input("X", Tensor.of(X));
        Node y = g.constant("Y", Tensor.row(Y));
        Node ones = g.constant("1", Tensor.filled(1, m, 1));
        Node w1 = g.parameter("W1", Tensor.normal(3, 2, 0.5, random));
        Node b1 = g.parameter("b1", Tensor.filled(3, 1, 0.1));
        Node w2 = g.parameter("W2", Tensor.normal(1, 3, 0.5, random));
        Node b2 = g.parameter("b2", Tensor.scalar(0.1));
        Node a1 = w1.matmul(x).setName("W1X").add(b1).setName("A1");
        Node h1 = (tanh ? a1.tanh() : a1.sigmoid()).setName("H1");
        Node a2 = w2.matmul(h1).setName("W2H1").add(b2).setName("A2");
        Node h2 = a2.sigmoid().setName("H2");
        Node positive = y.mul(h2.log().setName("lnH2")).setName("P");
        Node negative = ones.add(y.neg().setName("-Y")).setName("1-Y")
                .mul(ones.add(h2.neg().setName("-H2")).setName("1-H2").log().setName("ln(1-H2)")).setName("N");
        Node loss = positive.add(negative).setName("P+N").sum().setName("S").scale(-1.0 / m).setName("J");
        BackwardTrace trace = BackwardTrace.record(loss);

        // The notes' formulas, on the forward values only.
        DMatrixRMaj xs = x.value().toMatrix();
        DMatrixRMaj hidden = h1.value().toMatrix();
        DMatrixRMaj dA2 = h2.value().toMatrix();
        Elementwise.addScaledInPlace(dA2, -1, y.value().matrixView());
        DMatrixRMaj dW2 = scaled(1.0 / m, Products.multTransB(dA2, hidden, null));
        DMatrixRMaj db2 = scaled(1.0 / m, Reductions.sum(dA2, Axis.EACH_ROW, null));
        DMatrixRMaj back = Products.multTransA(w2.value().matrixView(), dA2, null);
        DMatrixRMaj dA1 = tanh ? Elementwise.tanhBackward(hidden, back, null)
                : Elementwise.sigmoidBackward(hidden, back, null);
        DMatrixRMaj dW1 = scaled(1.0 / m, Products.multTransB(dA1, xs, null));
        DMatrixRMaj db1 = scaled(1.0 / m, Reductions.sum(dA1, Axis.EACH_ROW, null));

        String name = tanh ? "tanh" : "sigmoid";
        page.section("Hidden layer " + name + ": the notes' formulas against the graph");
        page.verbatim("J = " + Tensor.format(loss.value().item()) + "\n" + "dA1 = W2^T dA2 * "
                + (tanh ? "(1 - H1^2)" : "H1 (1 - H1)"));
        StringBuilder rows = new StringBuilder();
        boolean allEqual = addRow(rows, "dA2", dA2, a2.gradient().toMatrix(), m);
        allEqual &= addRow(rows, "dW2", dW2, w2.gradient().toMatrix(), 1);
        allEqual &= addRow(rows, "db2", db2, b2.gradient().toMatrix(), 1);
        allEqual &= addRow(rows, "dA1", dA1, a1.gradient().toMatrix(), m);
        allEqual &= addRow(rows, "dW1", dW1, w1.gradient().toMatrix(), 1);
        allEqual &= addRow(rows, "db1", db1, b1.gradient().toMatrix(), 1);
        page.verbatim(rows.toString());
        page.text("The notes' dA2 and dA1 leave out the 1/m, which they apply in dW and db; the graph's dJ/dA"
                + " includes it, so the lesson compares m * dJ/dA with the notes' dA.");
        page.check("every formula of notes " + (tanh ? "B (tanh)" : "A (sigmoid)") + " equals the graph's gradient",
                allEqual);
        page.section("Backward trace of J, " + name + " hidden layer");
        page.trace(trace);
        return g;
    }

    private static DMatrixRMaj scaled(double c, DMatrixRMaj a) {
        return Elementwise.scale(c, a, a);
    }

    /** Compares the formula with {@code factor} times the graph's gradient, one block per gradient. */
    private static boolean addRow(StringBuilder rows, String name, DMatrixRMaj formula, DMatrixRMaj graph,
            double factor) {
        Elementwise.scale(factor, graph, graph);
        Tensor f = Tensor.adopt(formula);
        Tensor gt = Tensor.adopt(graph);
        boolean equal = f.approxEquals(gt, 1e-12);
        String title = factor == 1 ? name : name + " (the graph's m * dJ/d" + name.substring(1) + ")";
        rows.append(rows.length() == 0 ? "" : "\n").append(title).append('\n')
                .append(Blackboard.block("  notes' formula  ", f, "", 4)).append('\n')
                .append(Blackboard.block("  graph           ", gt, "", 4)).append('\n')
                .append("  equal to 1e-12: ").append(equal ? "yes" : "no " + Page.DIFFERS).append('\n');
        return equal;
    }
}
