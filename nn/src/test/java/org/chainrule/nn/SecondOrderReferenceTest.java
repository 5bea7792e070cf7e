package org.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chainrule.core.Axis;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Derivatives;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.nn.loss.Losses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Derivatives of derivatives against PyTorch float64 ({@code secondorder/make_references.py}
 * made {@code references.txt}; the tests need no Python): the Hessian of a small MLP's
 * cross-entropy, a Hessian-vector product through attention with layer norm, a gradient penalty
 * trained into the weights, and the first three derivatives of a scalar function of exp, log,
 * sqrt, div and the activations. Each agrees within {@code |a - b| <= 1e-12 + 1e-10 |b|}.
 */
class SecondOrderReferenceTest {
    private static final Map<String, Tensor> REFERENCE = new HashMap<>();
    private static double worst;
    private static double worstAbsolute;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = SecondOrderReferenceTest.class.getResourceAsStream(
                "/org/chainrule/nn/secondorder/references.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.trim().split(" ");
                int rows = Integer.parseInt(f[1]);
                int cols = Integer.parseInt(f[2]);
                double[][] v = new double[rows][cols];
                for (int k = 0; k < rows * cols; k++) {
                    v[k / cols][k % cols] = Double.parseDouble(f[3 + k]);
                }
                REFERENCE.put(f[0], Tensor.of(v));
            }
        }
    }

    private static Tensor ref(String name) {
        return REFERENCE.get(name);
    }

    @Test
    void theHessianOfAnMlpsCrossEntropyIsPyTorchs() {
        Graph g = new Graph();
        Node w1 = g.parameter("W1", ref("mlp.W1"));
        Node b1 = g.parameter("b1", ref("mlp.b1"));
        Node w2 = g.parameter("W2", ref("mlp.W2"));
        Node b2 = g.parameter("b2", ref("mlp.b2"));
        Node z = g.input("X", ref("mlp.x")).matmul(w1).add(b1).tanh().matmul(w2).add(b2);
        Node loss = Losses.SOFTMAX_CROSS_ENTROPY.apply(z, g.constant("labels", ref("mlp.labels")));
        assertAgrees("mlp.hessian", Derivatives.hessian(loss, List.of(w1, b1, w2, b2)).matrix());
    }

    @Test
    void aHessianVectorProductThroughAttentionWithLayerNormIsPyTorchs() {
        Graph g = new Graph();
        Node x = g.input("X", ref("attention.x"));
        Node wq = g.parameter("Wq", ref("attention.Wq"));
        Node q = x.matmul(wq);
        Node k = x.matmul(g.constant(ref("attention.Wk")));
        Node v = x.matmul(g.constant(ref("attention.Wv")));
        Node y = q.matmul(k.transpose()).scale(1 / Math.sqrt(3)).softmax(Axis.EACH_ROW).matmul(v);
        Node centred = y.sub(y.mean(Axis.EACH_ROW));
        Node normed = centred.div(centred.square().mean(Axis.EACH_ROW).add(g.constant(Tensor.scalar(1e-5))).sqrt());
        Node loss = normed.square().mul(g.constant(Tensor.row(1, 2, 3))).sum();
        assertAgrees("attention.hv", Derivatives.hessianVectorProduct(loss, wq, g.constant(ref("attention.v")))
                .value());
    }

    @Test
    void aGradientPenaltyTrainedIntoTheWeightsIsPyTorchs() {
        Graph g = new Graph();
        Node x = g.input("x", ref("penalty.x"));
        Node w1 = g.parameter("W1", ref("penalty.W1"));
        Node w2 = g.parameter("W2", ref("penalty.W2"));
        Node f = x.matmul(w1).add(g.constant(ref("penalty.b1"))).tanh().matmul(w2).sigmoid().sum();
        Node penalty = g.gradient(f, x).square().sum();
        g.backward(penalty);
        assertAgrees("penalty.value", penalty.value());
        assertAgrees("penalty.dW1", w1.parameter().gradient());
        assertAgrees("penalty.dW2", w2.parameter().gradient());
    }

    @Test
    void theFirstThreeDerivativesOfAScalarFunctionArePyTorchs() {
        Graph g = new Graph();
        Node x = g.input("x", ref("scalar.x"));
        Node one = g.constant(Tensor.scalar(1));
        Node top = x.sigmoid().exp().add(x.square().add(one).log()).sqrt();
        Node y = top.div(x.tanh().square().add(one)).add(x.relu().mul(x));
        Node d1 = g.gradient(y.sum(), x);
        Node d2 = g.gradient(d1.sum(), x);
        Node d3 = g.gradient(d2.sum(), x);
        assertAgrees("scalar.d1", d1.value());
        assertAgrees("scalar.d2", d2.value());
        assertAgrees("scalar.d3", d3.value());
    }

    /** The largest error as a share of the error allowed, for the record. */
    @AfterAll
    static void report() {
        System.out.printf(java.util.Locale.ROOT, "second-order references: largest |error| %.3g, %.3g of the allowed"
                + " 1e-12 + 1e-10 |b|%n", worstAbsolute, worst);
    }

    private static void assertAgrees(String name, Tensor actual) {
        Tensor expected = ref(name);
        assertEquals(expected.rows(), actual.rows(), name);
        assertEquals(expected.cols(), actual.cols(), name);
        for (int i = 0; i < expected.size(); i++) {
            double b = expected.getFlat(i);
            double error = Math.abs(actual.getFlat(i) - b);
            worst = Math.max(worst, error / (1e-12 + 1e-10 * Math.abs(b)));
            worstAbsolute = Math.max(worstAbsolute, error);
            assertTrue(error <= 1e-12 + 1e-10 * Math.abs(b), name + " element " + i + ": Chainrule "
                    + actual.getFlat(i) + ", PyTorch " + b + ", |error| " + error);
        }
    }
}
