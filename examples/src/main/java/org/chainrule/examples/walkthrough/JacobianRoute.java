package org.chainrule.examples.walkthrough;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.chainrule.core.Products;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.trace.BackwardTrace;
import org.chainrule.graph.trace.Blackboard;
import org.ejml.data.DMatrixRMaj;

/**
 * Lesson 7 (notes C): the fully connected layer {@code m = W n}, {@code W} 4x5 drawn as
 * {@code randn * 0.01} with a fixed seed, {@code n} a random 5-vector, zero bias, and a loss
 * {@code L = 1/2 |m - t|^2}. The explicit route builds the 4x20 Jacobian
 * {@code dm_i/dW_jk = delta_ij n_k}, multiplies {@code dL/dm} (1x4) by it and reshapes the
 * 1x20 result to 4x5; the vector-Jacobian route is the outer product {@code dL/dm n^T}, which
 * is what the graph's matmul does. Both equal the graph's gradient; the lesson counts why
 * nobody builds the Jacobian.
 */
final class JacobianRoute {
    private static final long SEED = 7;
    private static final int OUT = 4;
    private static final int IN = 5;

    private JacobianRoute() {
    }

    static Graph teach(Page page) {
        Random random = new Random(SEED);
        Graph g = new Graph();
        Node w = g.parameter("W", Tensor.normal(OUT, IN, 0.01, random));
        Node n = g.input("n", Tensor.normal(IN, 1, 1.0, random));
        Node m = w.matmul(n).setName("m");
        Node e = m.add(g.constant("t", Tensor.column(1, 0, 0, 0)).neg().setName("-t")).setName("e");
        Node loss = e.mul(e).setName("e2").sum().setName("S").scale(0.5).setName("L");
        BackwardTrace trace = BackwardTrace.record(loss);

        page.text("W is 4x5, randn * 0.01 (seed " + SEED + "), n a random 5-vector (same generator), zero bias;"
                + " m = W n, and a loss L = 1/2 |m - t|^2 with t = <1, 0, 0, 0> so that dL/dm = (m - t)^T.");
        DMatrixRMaj nv = n.value().toMatrix();
        DMatrixRMaj dLdmColumn = m.gradient().toMatrix();
        DMatrixRMaj dLdm = dLdmColumn.copy();
        dLdm.reshape(1, OUT); // the row vector dL/dm: same entries as the column
        // dm_i / dW_jk = delta_ij n_k, with W flattened row by row (column j*IN + k)
        DMatrixRMaj jacobian = new DMatrixRMaj(OUT, OUT * IN);
        for (int i = 0; i < OUT; i++) {
            for (int k = 0; k < IN; k++) {
                jacobian.set(i, i * IN + k, nv.data[k]);
            }
        }
        DMatrixRMaj viaJacobian = Products.mult(dLdm, jacobian, null);
        viaJacobian.reshape(OUT, IN);
        DMatrixRMaj outer = Products.multTransB(dLdmColumn, nv, null);
        Tensor explicit = Tensor.adopt(viaJacobian);
        Tensor vjp = Tensor.adopt(outer);
        Tensor graph = w.gradient();

        page.section("Two routes to dL/dW");
        Tensor firstRow = Tensor.row(Arrays.copyOf(jacobian.data, OUT * IN)); // row-major: row 0 first
        page.verbatim(Blackboard.block("dL/dm = ", Tensor.adopt(dLdm), "", 4) + "\n"
                + "dm/dW, the explicit Jacobian, is 4x20: row i holds n^T in columns 5(i-1)+1 to 5i,\n"
                + "zeros elsewhere. Its first row:\n" + Page.numbers("  ", firstRow) + "\n"
                + "explicit:        dL/dm (1x4) * dm/dW (4x20) = 1x20, reshaped to 4x5:\n"
                + Blackboard.block("                 ", explicit, "", 4) + "\n"
                + "vector-Jacobian: outer product dL/dm n^T (4x1 times 1x5):\n"
                + Blackboard.block("                 ", vjp, "", 4) + "\n"
                + "graph:           W's gradient from backward:\n"
                + Blackboard.block("                 ", graph, "", 4));
        page.check("explicit-Jacobian route equals the vector-Jacobian route (to 1e-15)", explicit.approxEquals(vjp, 1e-15));
        page.check("both equal the graph's gradient (to 1e-15)", vjp.approxEquals(graph, 1e-15));

        page.section("Why nobody builds the Jacobian");
        int zeros = 0;
        for (double v : jacobian.data) {
            zeros += v == 0 ? 1 : 0;
        }
        long big = 1024;
        page.verbatim(String.format(Locale.ROOT,
                "here:  the Jacobian has %d entries, %d of them zero; the explicit route makes %d multiplications,%n"
                + "       the outer product %d.%n"
                + "a 1024x1024 layer: the Jacobian dm/dW is 1024 x %,d = %,d entries (%,d GB of doubles)%n"
                + "       and the explicit route %,d multiplications; the outer product needs %,d.",
                OUT * OUT * IN, zeros, OUT * OUT * IN, OUT * IN, big * big, big * big * big,
                big * big * big * 8 / 1_000_000_000L, big * big * big, big * big));
        page.text("Every row of dm/dW is zero except where the row's own weights sit, so the product with a row"
                + " vector collapses to the outer product. Backward passes therefore apply each operation's"
                + " vector-Jacobian product (here matmul's dW = dm n^T) and never form a Jacobian, let alone a"
                + " product of Jacobians.");
        page.section("Backward trace of L");
        page.trace(trace);
        return g;
    }
}
