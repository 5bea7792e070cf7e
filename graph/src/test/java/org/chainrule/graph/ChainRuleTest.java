package org.chainrule.graph;

import static org.chainrule.graph.PrimitivesTest.assertTensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chainrule.core.ChainruleException;
import org.chainrule.core.ShapeMismatchException;
import org.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

/** The multivariable chain rule: nodes with several consumers, several paths, and backward's contract. */
class ChainRuleTest {

    @Test
    void aNodeUsedTwiceTwiceOver() {
        Graph g = new Graph();
        Node a = g.parameter("a", Tensor.scalar(3));
        Node b = a.add(a);
        Node c = b.add(b);
        g.backward(c);
        assertEquals(12, c.value().item());
        assertEquals(4, a.gradient().item());
        assertEquals(2, b.gradient().item());
    }

    @Test
    void squareGivesTwoZ() {
        Graph g = new Graph();
        Node z = g.parameter("z", Tensor.row(-1.5, 0.25, 4));
        g.backward(z.mul(z).sum());
        assertTensor(new double[][] {{-3, 0.5, 8}}, z.gradient());
    }

    /** Notes D: y = f(w), z = f(w), p = g(y), q = h(z), o = K(p, q), with f = sigmoid, g = tanh, h = exp, K = p * q. */
    @Test
    void twoPathsEqualTheHandWrittenPathSum() {
        double w0 = 0.37;
        Graph g = new Graph();
        Node w = g.parameter("w", Tensor.scalar(w0));
        Node y = w.sigmoid();
        Node z = w.sigmoid();
        Node p = y.tanh();
        Node q = z.exp();
        Node o = p.mul(q);
        g.backward(o);

        double f = 1 / (1 + Math.exp(-w0));
        double df = f * (1 - f);
        double pv = Math.tanh(f);
        double qv = Math.exp(f);
        double firstPath = qv * (1 - pv * pv) * df;  // dK/dp * g'(y) * f'(w)
        double secondPath = pv * qv * df;              // dK/dq * h'(z) * f'(w)
        assertEquals(firstPath + secondPath, w.gradient().item(), 1e-15);
    }

    @Test
    void parameterGradientsAccumulateUntilZeroedAndIntermediatesDoNot() {
        Graph g = new Graph();
        Node x = g.parameter("x", Tensor.scalar(2));
        Node h = x.mul(x);
        Node loss = h.scale(3);
        g.backward(loss);
        assertEquals(12, x.gradient().item());
        assertEquals(3, h.gradient().item());
        // A second backward on the same graph recomputes intermediates and adds to parameters.
        g.backward(loss);
        assertEquals(24, x.gradient().item());
        assertEquals(3, h.gradient().item());
        assertEquals(2, g.backwardPasses());
        x.parameter().zeroGradient();
        g.backward(loss);
        assertEquals(12, x.gradient().item());
    }

    @Test
    void aParameterSharedByTwoGraphsAccumulatesFromBoth() {
        Parameter w = new Parameter("w", Tensor.scalar(5));
        Graph g1 = new Graph();
        g1.backward(g1.parameter(w).scale(2));
        Graph g2 = new Graph();
        g2.backward(g2.parameter(w).scale(3));
        assertEquals(5, w.gradient().item());
        Graph g3 = new Graph();
        assertEquals(g3.parameter(w), g3.parameter(w), "recording a parameter twice gives one node");
    }

    /**
     * zeroGradient only marks the gradient; every way of reading it must see zeros, including
     * the live matrix optimizers update from, when no backward has written it since.
     */
    @Test
    void aZeroedGradientReadsAsZeroUntilABackwardWritesIt() {
        Parameter p = new Parameter("p", Tensor.row(1, 2));
        Graph g = new Graph();
        Node pn = g.parameter(p);
        g.backward(pn.mul(pn).sum());
        assertTensor(Tensor.row(2, 4), p.gradient());
        p.zeroGradient();
        assertTensor(Tensor.row(0, 0), p.gradient());
        assertTensor(Tensor.row(0, 0), pn.gradient());
        org.ejml.data.DMatrixRMaj live = p.mutableGradient();
        assertEquals(0, live.get(0, 0), 0);
        assertEquals(0, live.get(0, 1), 0);
        p.zeroGradient();
        Graph h = new Graph();
        Node other = h.parameter("q", Tensor.scalar(3));
        h.parameter(p);
        h.backward(other.mul(other)); // does not reach p
        assertEquals(0, p.mutableGradient().get(0, 1), 0, "an optimizer would step p by its old gradient");
        g.backward(pn.sum());
        assertTensor(Tensor.row(1, 1), p.gradient());
    }

    /** Few parameters are found by a scan, many by a map: both must give one node per parameter. */
    @Test
    void recordingAParameterAgainGivesItsNodeWithFewOrManyParameters() {
        for (int count : new int[] {3, 40}) {
            Graph g = new Graph();
            java.util.List<Parameter> ps = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                ps.add(new Parameter("p" + i, Tensor.scalar(i + 1)));
            }
            java.util.List<Node> first = new java.util.ArrayList<>();
            for (Parameter p : ps) {
                first.add(g.parameter(p));
            }
            Node sum = first.get(0);
            for (int i = 0; i < count; i++) {
                Node again = g.parameter(ps.get(i));
                assertSame(first.get(i), again, "parameter " + i + " of " + count);
                sum = sum.add(again);
            }
            assertEquals(2 * count, g.size(), "each parameter recorded once, plus the additions, among " + count);
            g.backward(sum);
            assertEquals(2, ps.get(0).gradient().get(0, 0), 0, "p0 used twice among " + count);
            assertEquals(1, ps.get(count - 1).gradient().get(0, 0), 0, "the last used once among " + count);
        }
    }

    @Test
    void nodesOffThePathGetZeroAndInputsGetNoGradient() {
        Graph g = new Graph();
        Node x = g.input("x", Tensor.scalar(2));
        Node a = g.parameter("a", Tensor.scalar(3));
        Node side = a.exp();
        Node out = a.mul(x);
        g.backward(out);
        assertEquals(2, a.gradient().item());
        assertEquals(0, side.gradient().item());
        ChainruleException e = assertThrows(ChainruleException.class, x::gradient);
        assertTrue(e.getMessage().contains("graph.parameter"), e.getMessage());
    }

    @Test
    void backwardRefusesNonScalarWithoutSeedAndChecksTheSeed() {
        Graph g = new Graph();
        Node x = g.parameter("x", Tensor.row(1, 2));
        Node y = x.mul(x).setName("y");
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> g.backward(y));
        assertTrue(e.getMessage().contains("'y' is 1x2, not 1x1") && e.getMessage().contains("backward(node, seedGradient)"),
                e.getMessage());
        assertThrows(ShapeMismatchException.class, () -> g.backward(y, Tensor.scalar(1)));
        g.backward(y, Tensor.row(1, 10));
        assertTensor(new double[][] {{2, 40}}, x.gradient());
    }

    @Test
    void refusesNodesOfAnotherGraphAndOutputsWithoutParameters() {
        Graph g1 = new Graph();
        Graph g2 = new Graph();
        Node a = g1.parameter("a", Tensor.scalar(1));
        Node b = g2.parameter("b", Tensor.scalar(1));
        ChainruleException e = assertThrows(ChainruleException.class, () -> a.add(b));
        assertTrue(e.getMessage().contains("different graph"), e.getMessage());
        assertThrows(ChainruleException.class, () -> g1.backward(b));
        Node c = g1.input(Tensor.scalar(2)).exp();
        assertThrows(ChainruleException.class, () -> g1.backward(c));
    }

    @Test
    void shapeErrorsNameTheOperationShapesAndRule() {
        Graph g = new Graph();
        Node a = g.input(Tensor.zeros(2, 3));
        Node b = g.input(Tensor.zeros(4, 5));
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> a.matmul(b));
        assertEquals("matmul: cannot multiply 2x3 by 4x5: inner dimensions 3 and 4 differ", e.getMessage());
        ShapeMismatchException add = assertThrows(ShapeMismatchException.class, () -> a.add(b));
        assertTrue(add.getMessage().startsWith("add: cannot broadcast 2x3 with 4x5"), add.getMessage());
    }

    @Test
    void aHundredThousandNodeChainRunsBackwardIteratively() {
        Graph g = new Graph();
        Node x = g.parameter("x", Tensor.scalar(0.5));
        Node h = x;
        for (int i = 0; i < 100_000; i++) {
            h = h.scale(1.00001);
        }
        g.backward(h);
        // d/dx (1.00001^100000 x) = 1.00001^100000, about e.
        assertEquals(Math.pow(1.00001, 100_000), x.gradient().item(), 1e-9);
        assertEquals(100_001, g.size());
    }
}
