package org.chainrule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.chainrule.core.Axis;
import org.chainrule.core.Shape;
import org.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Anomaly detection: off by default; when on, the first NaN or infinity of the forward or the
 * backward pass throws an {@link AnomalyException} naming the operation, its node, its input
 * shapes and the pass, and nothing of the offending step is recorded.
 */
class AnomalyDetectionTest {

    @Test
    void offByDefaultSoNonFiniteValuesFlowThrough() {
        Graph g = new Graph();
        assertFalse(g.detectsAnomalies());
        Node x = g.parameter("x", Tensor.row(0, 1));
        Node y = x.log().sum();
        assertEquals(Double.NEGATIVE_INFINITY, y.value().item());
        g.backward(y);
        assertEquals(Tensor.row(Double.POSITIVE_INFINITY, 1), x.gradient());
    }

    @Test
    void theFirstNonFiniteForwardValueNamesOperationNodeShapesAndPass() {
        Graph g = new Graph().setDetectAnomalies(true);
        assertTrue(g.detectsAnomalies());
        Node scores = g.input("scores", Tensor.of(new double[][] {{0, 800, 0}, {1, 2, 3}}));
        Node p = scores.softmax(Axis.EACH_ROW);
        int recorded = g.size();
        AnomalyException e = assertThrows(AnomalyException.class, p::log);
        // softmax of [0, 800, 0] underflows to exactly 0 at (0, 0): log gives -infinity there.
        assertEquals("forward pass: log at node #2 log produced -Infinity at (0, 0); input shape 2x3"
                + " (node #1 softmax(rows))", e.getMessage());
        assertEquals(AnomalyException.Pass.FORWARD, e.pass());
        assertEquals("log", e.operation());
        assertEquals("#2 log", e.node());
        assertEquals(List.of(new Shape(2, 3)), e.inputShapes());
        assertEquals(Double.NEGATIVE_INFINITY, e.value());
        assertEquals(recorded, g.size(), "the offending node is not recorded");
    }

    @Test
    void nonFiniteDataIsReportedAtTheFirstOperationThatReadsItAndNamedAsTheSource() {
        Graph g = new Graph().setDetectAnomalies(true);
        Node x = g.input("x", Tensor.row(1, Double.NaN));
        Node w = g.parameter("W", Tensor.column(1, 1));
        AnomalyException e = assertThrows(AnomalyException.class, () -> x.matmul(w));
        assertEquals("forward pass: matmul at node #2 matmul produced NaN at (0, 0); input shapes 1x2 and 2x1"
                + " (nodes 'x' and 'W'); but its input 'x' already holds NaN at (0, 1): the non-finite value came in"
                + " with that input, it was not made here", e.getMessage());
        assertEquals(List.of(new Shape(1, 2), new Shape(2, 1)), e.inputShapes());
    }

    @Test
    void theFirstNonFiniteGradientNamesTheOperationItsInputAndTheBackwardPass() {
        Graph g = new Graph().setDetectAnomalies(true);
        // ln(1e-310) = -713.8 is finite, but its derivative 1 / 1e-310 overflows to infinity.
        Node x = g.parameter("x", Tensor.row(1e-310, 2));
        Node y = x.log().setName("logx").sum();
        assertTrue(y.value().isFinite());
        AnomalyException e = assertThrows(AnomalyException.class, () -> g.backward(y));
        assertEquals("backward pass: the gradient that log at node 'logx' hands to its input 0 ('x') holds Infinity"
                + " at (0, 0); input shape 1x2 (node 'x'); the gradient arriving at 'logx' is finite", e.getMessage());
        assertEquals(AnomalyException.Pass.BACKWARD, e.pass());
        assertEquals("log", e.operation());
        assertEquals("'logx'", e.node());
        assertEquals(List.of(new Shape(1, 2)), e.inputShapes());
        assertEquals(Double.POSITIVE_INFINITY, e.value());
        assertEquals(Tensor.zeros(1, 2), x.parameter().gradient(), "the offending gradient is not accumulated");
    }

    @Test
    void aGradientOverflowingAlongTheWayIsBlamedOnTheOperationThatMadeIt() {
        Graph g = new Graph().setDetectAnomalies(true);
        Node x = g.parameter("x", Tensor.scalar(1));
        // y = ((x a) b) c = 1e100 is finite, but dy/d(x a) = b c = 1e400 overflows in the middle product's vjp.
        Node y = x.mul(g.constant("a", Tensor.scalar(1e-300))).mul(g.constant("b", Tensor.scalar(1e200)))
                .mul(g.constant("c", Tensor.scalar(1e200)));
        assertEquals(1e100, y.value().item(), 1e88);
        AnomalyException e = assertThrows(AnomalyException.class, () -> g.backward(y));
        assertEquals("backward pass: the gradient that multiply at node #4 multiply hands to its input 0"
                + " (#2 multiply) holds Infinity at (0, 0); input shapes 1x1 and 1x1 (nodes #2 multiply and 'b');"
                + " the gradient arriving at #4 multiply is finite", e.getMessage());
    }

    @Test
    void aNonFiniteSeedIsAnAnomalyToo() {
        Graph g = new Graph().setDetectAnomalies(true);
        Node y = g.parameter("x", Tensor.row(1, 2)).tanh().setName("y");
        AnomalyException e = assertThrows(AnomalyException.class, () -> g.backward(y, Tensor.row(1, Double.NaN)));
        assertEquals("backward pass: the seed for node 'y' holds NaN at (0, 1)", e.getMessage());
        assertEquals("seed", e.operation());
        assertSame(AnomalyException.Pass.BACKWARD, e.pass());
    }

    @Test
    void detectionCanBeSwitchedPerGraphAndAppliesFromThenOn() {
        Graph g = new Graph();
        Node x = g.parameter("x", Tensor.scalar(0));
        Node logx = x.log();
        assertSame(g, g.setDetectAnomalies(true));
        assertThrows(AnomalyException.class, x::log);
        assertThrows(AnomalyException.class, () -> logx.scale(2),
                "a node recorded before detection was on is caught by its first consumer");
        g.setDetectAnomalies(false);
        assertEquals(Double.NEGATIVE_INFINITY, logx.scale(2).value().item());
        assertFalse(new Graph().detectsAnomalies(), "each graph starts with detection off");
    }

    @Test
    void finiteComputationsAreUnchangedByDetection() {
        Tensor[][] gradients = new Tensor[2][];
        for (int detect = 0; detect < 2; detect++) {
            Graph g = new Graph().setDetectAnomalies(detect == 1);
            Node x = g.parameter("x", Tensor.of(new double[][] {{0.5, -1}, {2, 0.25}}));
            Node w = g.parameter("w", Tensor.of(new double[][] {{1, -2}, {0.5, 3}}));
            g.backward(x.matmul(w).tanh().softmax(Axis.EACH_COLUMN).log().sum());
            gradients[detect] = new Tensor[] {x.gradient(), w.gradient()};
        }
        assertTrue(gradients[0][0].isFinite() && gradients[0][1].isFinite());
        assertEquals(List.of(gradients[0]), List.of(gradients[1]));
    }

    private static final Operation TRIPLE_THAT_SKIPS_AN_ELEMENT = PlantedOperations.tripleThatSkipsItsLastElement();

    @Test
    void aVjpThatLeavesAnElementOfItsBufferUnwrittenIsNamedWithTheElement() {
        Graph g = new Graph().setDetectAnomalies(true);
        Node x = g.parameter("x", Tensor.row(1, 2, 3));
        Node t = g.apply(TRIPLE_THAT_SKIPS_AN_ELEMENT, x.tanh()).setName("t");
        Node loss = t.mul(t).sum();
        AnomalyException e = assertThrows(AnomalyException.class, () -> g.backward(loss));
        assertEquals("backward pass: the VJP of triple at node 't' for its input 0 (#1 tanh) did not write element"
                + " (0, 2) of the 1x3 buffer it was given, or read it before writing: a VJP must write every element"
                + " of its buffer and read none (the engine hands it a buffer of stale values; under anomaly"
                + " detection, of NaN); input shape 1x3 (node #1 tanh)", e.getMessage());
        assertEquals("triple", e.operation());
        assertEquals(AnomalyException.Pass.BACKWARD, e.pass());
        assertEquals(Tensor.zeros(1, 3), x.parameter().gradient(), "nothing reaches the parameter");
        // Without detection the same graph runs, the unwritten element holding whatever the buffer held.
        Graph quiet = new Graph();
        Node q = quiet.parameter("x", Tensor.row(1, 2, 3));
        Node qt = quiet.apply(TRIPLE_THAT_SKIPS_AN_ELEMENT, q.tanh());
        quiet.backward(qt.mul(qt).sum());
        assertFalse(Double.isNaN(q.gradient().get(0, 2)));
    }

    @Test
    void aCorrectVjpPassesTheNaNFilledBufferOnEveryOperationOfADeepNetwork() {
        Graph g = new Graph().setDetectAnomalies(true);
        Node x = g.input("x", Tensor.of(new double[][] {{0.5, -1}, {2, 0.25}, {-0.75, 1.5}}));
        Node w = g.parameter("W", Tensor.of(new double[][] {{0.3, -0.2, 0.1}, {0.4, 0.6, -0.5}}));
        Node b = g.parameter("b", Tensor.row(0.1, -0.1, 0.2));
        Node h = x.matmul(w).add(b).tanh();
        Node loss = h.softmax(Axis.EACH_ROW).log().mul(h.sigmoid()).sum().add(h.relu().sum()).add(b.square().sum());
        g.backward(loss);
        Graph plain = new Graph();
        Node px = plain.input("x", x.value());
        Node pw = plain.parameter("W", w.value());
        Node pb = plain.parameter("b", b.value());
        Node ph = px.matmul(pw).add(pb).tanh();
        plain.backward(ph.softmax(Axis.EACH_ROW).log().mul(ph.sigmoid()).sum().add(ph.relu().sum()).add(pb.square().sum()));
        assertEquals(pw.gradient(), w.gradient());
        assertEquals(pb.gradient(), b.gradient());
    }
}
