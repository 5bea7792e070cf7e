package org.chainrule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Function;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

/** The helpers on gradients-as-nodes against finite differences and against each other. */
class DerivativesTest {
    private static final Tensor X = Tensor.of(new double[][] {{0.2, -0.4, 1.0}, {0.7, 0.1, -0.3}});
    private static final Tensor W = Tensor.of(new double[][] {{0.3, -0.7}, {1.1, 0.4}, {-0.5, 0.9}});
    private static final Tensor B = Tensor.row(0.1, -0.2);

    /** {@code tanh(X W + b)}, a 2x2 output. */
    private static Node layer(Graph g, Node w, Node b) {
        return g.constant(X).matmul(w).add(b).tanh();
    }

    private static double loss(Tensor w, Tensor b) {
        Graph g = new Graph();
        return layer(g, g.input(w), g.input(b)).square().sum().log().value().item();
    }

    @Test
    void theJacobianMatchesFiniteDifferencesOfEachOutput() {
        Graph g = new Graph();
        Node w = g.parameter("W", W);
        Tensor j = Derivatives.jacobian(layer(g, w, g.constant(B)), w);
        assertEquals(4, j.rows());
        assertEquals(6, j.cols());
        for (int r = 0; r < 4; r++) {
            int row = r;
            Function<Tensor, Double> output = wv -> {
                Graph h = new Graph();
                return layer(h, h.input(wv), h.constant(B)).value().getFlat(row);
            };
            for (int c = 0; c < 6; c++) {
                assertEquals(numeric(output, W, c), j.get(r, c), 1e-8, "d out" + r + " / d w" + c);
            }
        }
    }

    @Test
    void theHessianMatchesFiniteDifferencesAndIsSymmetricWithNamedBlocks() {
        Graph g = new Graph();
        Node w = g.parameter("W", W);
        Node b = g.parameter("b", B);
        Derivatives.Hessian h = Derivatives.hessian(layer(g, w, b).square().sum().log(), List.of(w, b));
        Tensor m = h.matrix();
        assertEquals(8, m.rows());
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                assertEquals(m.get(i, j), m.get(j, i), 1e-12, "symmetric at " + i + ", " + j);
                assertEquals(numericSecond(i, j), m.get(i, j), 1e-5, "entry " + i + ", " + j);
            }
        }
        Tensor wb = h.block(w, b);
        assertEquals(6, wb.rows());
        assertEquals(2, wb.cols());
        assertEquals(m.get(2, 7), wb.get(2, 1));
        assertEquals(List.of(w, b), h.nodes());
        assertThrows(ChainruleException.class, () -> h.block(w, g.constant(B)));
    }

    @Test
    void theProductsAgreeWithTheFullMatrices() {
        Graph g = new Graph();
        Node w = g.parameter("W", W);
        Node out = layer(g, w, g.constant(B));
        Node loss = out.square().sum().log();
        Tensor v = Tensor.of(new double[][] {{1, 0.5}, {-0.25, 2}, {0.75, -1}});
        Node vn = g.constant(v);
        Tensor jv = Derivatives.jacobianVectorProduct(out, w, vn).value();
        Tensor hv = Derivatives.hessianVectorProduct(loss, w, vn).value();
        Tensor j = Derivatives.jacobian(out, w);
        Tensor h = Derivatives.hessian(loss, List.of(w)).matrix();
        for (int r = 0; r < 4; r++) {
            double sum = 0;
            for (int c = 0; c < 6; c++) {
                sum += j.get(r, c) * v.getFlat(c);
            }
            assertEquals(sum, jv.getFlat(r), 1e-12, "J v at " + r);
        }
        for (int r = 0; r < 6; r++) {
            double sum = 0;
            for (int c = 0; c < 6; c++) {
                sum += h.get(r, c) * v.getFlat(c);
            }
            assertEquals(sum, hv.getFlat(r), 1e-12, "H v at " + r);
        }
    }

    /** {@code d2 L / dp_i dp_j} over {@code p = (W, b)} flattened, by central differences of central differences. */
    private static double numericSecond(int i, int j) {
        double h = 1e-4;
        return (at(i, h, j, h) - at(i, h, j, -h) - at(i, -h, j, h) + at(i, -h, j, -h)) / (4 * h * h);
    }

    private static double at(int i, double di, int j, double dj) {
        double[] p = new double[8];
        for (int k = 0; k < 6; k++) {
            p[k] = W.getFlat(k);
        }
        p[6] = B.getFlat(0);
        p[7] = B.getFlat(1);
        p[i] += di;
        p[j] += dj;
        return loss(Tensor.of(new double[][] {{p[0], p[1]}, {p[2], p[3]}, {p[4], p[5]}}), Tensor.row(p[6], p[7]));
    }

    private static double numeric(Function<Tensor, Double> f, Tensor at, int element) {
        double h = 1e-6;
        double[][] v = at.toArray();
        int cols = v[0].length;
        double keep = v[element / cols][element % cols];
        v[element / cols][element % cols] = keep + h;
        double up = f.apply(Tensor.of(v));
        v[element / cols][element % cols] = keep - h;
        double down = f.apply(Tensor.of(v));
        return (up - down) / (2 * h);
    }
}
