package org.chainrule.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Gradients as nodes: derivatives of derivatives against their formulas and against finite
 * differences, with respect to parameters, data inputs and intermediate nodes; what the call
 * leaves alone, what it names and marks, and what it refuses.
 */
class GradientsAsNodesTest {
    private static final double[] X = {0.5, -1.2, 2.0};

    @Test
    void theFirstThreeDerivativesOfACubeAreThoseOfTheFormula() {
        Graph g = new Graph();
        Node x = g.input("x", Tensor.row(X));
        Node y = x.pow(3).sum();
        Node d1 = g.gradient(y, x);
        Node d2 = g.gradient(d1.sum(), x);
        Node d3 = g.gradient(d2.sum(), x);
        for (int i = 0; i < X.length; i++) {
            assertEquals(3 * X[i] * X[i], d1.value().get(0, i), 1e-14);
            assertEquals(6 * X[i], d2.value().get(0, i), 1e-14);
            assertEquals(6, d3.value().get(0, i), 1e-14);
        }
    }

    /** The lesson's formula: d2/dw2 of sigmoid(w x) is s (1 - s) (1 - 2 s) x^2. */
    @Test
    void theSecondDerivativeOfASigmoidIsItsFormula() {
        for (double w0 : new double[] {-2, 0.3, 1.7}) {
            Graph g = new Graph();
            Node w = g.parameter("w", Tensor.scalar(w0));
            double x = 1.3;
            Node s = w.scale(x).sigmoid();
            Node ds = g.gradient(s, w);
            Node d2s = g.gradient(ds, w);
            double sv = 1 / (1 + Math.exp(-w0 * x));
            assertEquals(sv * (1 - sv) * x, ds.value().item(), 1e-15);
            assertEquals(sv * (1 - sv) * (1 - 2 * sv) * x * x, d2s.value().item(), 1e-15);
        }
    }

    @Test
    void aGradientWithRespectToADataInputMatchesFiniteDifferences() {
        Tensor w = Tensor.of(new double[][] {{0.3, -0.7}, {1.1, 0.4}, {-0.5, 0.9}});
        Tensor x0 = Tensor.of(new double[][] {{0.2, -0.4, 1.0}, {0.7, 0.1, -0.3}});
        Function<Tensor, Double> f = xv -> {
            Graph g = new Graph();
            return g.input(xv).matmul(g.parameter("W", w)).tanh().square().sum().value().item();
        };
        Graph g = new Graph();
        Node x = g.input("X", x0);
        Node loss = x.matmul(g.parameter("W", w)).tanh().square().sum();
        assertClose(numericGradient(f, x0), g.gradient(loss, x).value(), 1e-8);
    }

    /**
     * A Hessian-vector product, {@code H v = d/dW (dL/dW . v)}, against the finite difference of
     * the buffer gradient along {@code v}.
     */
    @Test
    void aHessianVectorProductMatchesTheDifferenceOfGradients() {
        Tensor x = Tensor.of(new double[][] {{0.2, -0.4, 1.0}, {0.7, 0.1, -0.3}});
        Tensor w0 = Tensor.of(new double[][] {{0.3, -0.7}, {1.1, 0.4}, {-0.5, 0.9}});
        Tensor v = Tensor.of(new double[][] {{1, 0.5}, {-0.25, 2}, {0.75, -1}});
        Graph g = new Graph();
        Node w = g.parameter("W", w0);
        Node loss = g.input(x).matmul(w).sigmoid().sum().log();
        Node dw = g.gradient(loss, w);
        Node hv = g.gradient(dw.mul(g.constant(v)).sum(), w);

        double h = 1e-5;
        Tensor plus = bufferGradient(x, combine(w0, 1, v, h));
        Tensor minus = bufferGradient(x, combine(w0, 1, v, -h));
        assertClose(combine(plus, 1 / (2 * h), minus, -1 / (2 * h)), hv.value(), 1e-7);
    }

    /** {@code a p + b q}, element-wise. */
    private static Tensor combine(Tensor p, double a, Tensor q, double b) {
        double[][] x = p.toArray();
        double[][] y = q.toArray();
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                x[i][j] = a * x[i][j] + b * y[i][j];
            }
        }
        return Tensor.of(x);
    }

    /** The buffer gradient of the same loss, from a fresh graph. */
    private static Tensor bufferGradient(Tensor x, Tensor w) {
        Graph g = new Graph();
        Node wn = g.parameter("W", w);
        return g.computeGradients(g.input(x).matmul(wn).sigmoid().sum().log()).of(wn);
    }

    /**
     * Double backpropagation: a gradient penalty, the squared norm of {@code dL/dX}, trained
     * with backward into the weights, against finite differences of the penalty.
     */
    @Test
    void backwardThroughAGradientPenaltyReachesTheWeights() {
        Tensor x = Tensor.of(new double[][] {{0.2, -0.4, 1.0}, {0.7, 0.1, -0.3}});
        Tensor w0 = Tensor.of(new double[][] {{0.3, -0.7}, {1.1, 0.4}, {-0.5, 0.9}});
        Function<Tensor, Double> penalty = wv -> {
            Graph g = new Graph();
            Node xn = g.input(x);
            Node loss = xn.matmul(g.parameter("W", wv)).sigmoid().sum();
            return g.gradient(loss, xn).square().sum().value().item();
        };
        Graph g = new Graph();
        Node w = g.parameter("W", w0);
        Node xn = g.input("X", x);
        Node gx = g.gradient(xn.matmul(w).sigmoid().sum(), xn);
        g.backward(gx.square().sum());
        assertClose(numericGradient(penalty, w0), w.parameter().gradient(), 1e-8);
    }

    @Test
    void parametersAndNodeGradientsAreLeftAsTheyWere() {
        Graph g = new Graph();
        Node w = g.parameter("w", Tensor.row(0.5, -1));
        Node loss = w.tanh().sum();
        g.backward(loss);
        Tensor parameterGradient = w.parameter().gradient();
        Tensor nodeGradient = w.gradient();
        g.gradient(loss, w);
        g.gradients(loss, w, loss);
        assertArrayEquals(parameterGradient.toArray(), w.parameter().gradient().toArray());
        assertArrayEquals(nodeGradient.toArray(), w.gradient().toArray());
    }

    @Test
    void anUnreachableOrDetachedNodeGetsZeroAndDetachStopsBackwardToo() {
        Graph g = new Graph();
        Node x = g.parameter("x", Tensor.row(0.5, -1.5));
        Node other = g.input("other", Tensor.row(1, 2));
        Node y = x.detach().mul(x).sum();
        List<Node> d = g.gradients(y, x, other);
        assertArrayEquals(new double[][] {{0.5, -1.5}}, d.get(0).value().toArray(), "only the path not detached");
        assertArrayEquals(new double[][] {{0, 0}}, d.get(1).value().toArray());
        g.backward(y);
        assertArrayEquals(new double[][] {{0.5, -1.5}}, x.parameter().gradient().toArray());
        assertFalse(x.detach().requiresGradient());
    }

    @Test
    void gradientNodesAreNamedAndMarked() {
        Graph g = new Graph();
        Node w = g.parameter("W1", Tensor.row(0.5, -1));
        Node loss = w.sigmoid().sum().setName("loss");
        int before = g.nodes().size();
        Node dw = g.gradient(loss, w);
        assertEquals("d(loss)/d(W1)", dw.name());
        assertTrue(dw.isBackward());
        assertTrue(g.nodes().subList(before, g.nodes().size()).stream().allMatch(Node::isBackward));
        assertFalse(loss.isBackward());
        assertTrue(dw.requiresGradient(), "a gradient that depends on a parameter can be trained through");
    }

    /** Pictures show the recorded backward pass apart: dashed pink boxes, and a caption that says so. */
    @Test
    void pictureShowGradientNodesDashed() {
        Graph g = new Graph();
        Node w = g.parameter("W1", Tensor.row(0.5, -1));
        Node loss = w.sigmoid().sum().setName("loss");
        String before = org.chainrule.graph.trace.GraphPicture.toDot(g);
        assertFalse(before.contains("dashed"), before);
        Node dw = g.gradient(loss, w);
        String after = org.chainrule.graph.trace.GraphPicture.toDot(g);
        assertTrue(after.contains("dashed pink boxes: the backward pass recorded as a graph"), after);
        assertTrue(after.contains("  n" + dw.id() + " [label=<") && after.lines().filter(l -> l.startsWith("  n"
                + dw.id() + " [label=")).allMatch(l -> l.contains("dashed")), after);
        assertFalse(after.lines().filter(l -> l.startsWith("  n" + loss.id() + " [label=")).anyMatch(l -> l
                .contains("dashed")), after);
    }

    /** A trace of a backward pass through gradient nodes says which they are and whose rule recorded them. */
    @Test
    void tracesMarkGradientNodes() {
        Graph g = new Graph();
        Node w = g.parameter("w", Tensor.scalar(0.3));
        Node s = w.scale(1.3).sigmoid().setName("s");
        Node ds = g.gradient(s, w);
        String trace = org.chainrule.graph.trace.BackwardTrace.record(ds).toString();
        assertTrue(trace.contains("(backward pass recorded as a graph, by the graph rule of s)"), trace);
        assertTrue(trace.contains("d(s)/d(w)"), trace);
        assertFalse(trace.lines().filter(l -> l.startsWith("s = ")).anyMatch(l -> l.contains("backward pass")), trace);
    }

    @Test
    void anOperationWithoutAGraphRuleIsRefusedNamingIt() {
        Graph g = new Graph();
        Node x = g.parameter("x", Tensor.row(0.5, -1));
        Operation cube = ElementwiseOperation.of("cube", v -> v * v * v, (v, y) -> 3 * v * v);
        Node y = g.apply(cube, x).sum();
        g.backward(y); // first order works as before
        ChainruleException e = assertThrows(ChainruleException.class, () -> g.gradient(y, x));
        assertTrue(e.getMessage().startsWith("gradients: cube (node #1 cube) has no graph rule"), e.getMessage());
    }

    /** A 10,000-step chain's second derivative, recorded and evaluated with no deep stack. */
    @Test
    void aLongChainsSecondDerivativeNeedsNoDeepStack() {
        int steps = 10_000;
        double c = 1e-4;
        Function<Double, Double> first = x0 -> {
            Graph g = new Graph();
            Node x = g.parameter("x", Tensor.scalar(x0));
            return g.computeGradients(chain(x, steps, c)).of(x).item();
        };
        Graph g = new Graph();
        Node x = g.parameter("x", Tensor.scalar(0.3));
        Node d2 = g.gradient(g.gradient(chain(x, steps, c), x), x);
        double h = 1e-5;
        double numeric = (first.apply(0.3 + h) - first.apply(0.3 - h)) / (2 * h);
        assertEquals(numeric, d2.value().item(), 1e-6 * Math.abs(numeric));
    }

    /** {@code y <- y + c y^2}, {@code steps} times. */
    private static Node chain(Node x, int steps, double c) {
        Node y = x;
        for (int i = 0; i < steps; i++) {
            y = y.add(y.square().scale(c));
        }
        return y;
    }

    private static Tensor numericGradient(Function<Tensor, Double> f, Tensor at) {
        double h = 1e-6;
        double[][] values = at.toArray();
        double[][] out = new double[values.length][values[0].length];
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < values[0].length; j++) {
                double keep = values[i][j];
                values[i][j] = keep + h;
                double up = f.apply(Tensor.of(values));
                values[i][j] = keep - h;
                double down = f.apply(Tensor.of(values));
                values[i][j] = keep;
                out[i][j] = (up - down) / (2 * h);
            }
        }
        return Tensor.of(out);
    }

    private static void assertClose(Tensor expected, Tensor actual, double tolerance) {
        double[][] e = expected.toArray();
        double[][] a = actual.toArray();
        assertEquals(e.length, a.length);
        for (int i = 0; i < e.length; i++) {
            for (int j = 0; j < e[i].length; j++) {
                assertEquals(e[i][j], a[i][j], tolerance * (1 + Math.abs(e[i][j])), "element (" + i + ", " + j + ")");
            }
        }
    }
}
