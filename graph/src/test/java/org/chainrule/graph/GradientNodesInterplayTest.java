package org.chainrule.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

/** Gradient nodes with the rest of the engine: recycling, anomaly detection and the checker's replay. */
class GradientNodesInterplayTest {
    private static final Tensor X = Tensor.row(0.5, -1.2, 2.0);
    private static final Tensor W = Tensor.column(0.3, -0.8, 1.1);

    /** {@code d2/dx2} of {@code sum(tanh(x w)^2)} along x, recorded in {@code g}. */
    private static Node secondDerivative(Graph g) {
        Node x = g.parameter("x", X);
        Node y = x.matmul(g.constant(W)).tanh().square().sum();
        return g.gradient(g.gradient(y, x).sum(), x);
    }

    @Test
    void aRecycledGraphRecordsTheSameGradientNodesWithTheSameValues() {
        Graph g = new Graph();
        Tensor first = secondDerivative(g).value();
        int nodes = g.nodes().size();
        Graph again = g.recycle();
        Tensor second = secondDerivative(again).value();
        assertArrayEquals(first.toArray(), second.toArray());
        assertEquals(nodes, again.nodes().size());
        assertThrows(ChainruleException.class, () -> g.gradient(g.nodes().get(nodes - 1).sum(), g.nodes().get(0)));
    }

    @Test
    void anomalyDetectionNamesTheGraphRulesOperationWhereAnInfinityAppears() {
        Graph g = new Graph();
        g.setDetectAnomalies(true);
        Node x = g.parameter("x", Tensor.row(0.0, 1.0));
        Node y = x.sqrt().sum(); // finite at 0; its derivative 1 / (2 sqrt x) is not
        AnomalyException e = assertThrows(AnomalyException.class, () -> g.gradient(y, x));
        assertTrue(e.getMessage().contains("divide"), e.getMessage());
    }

    /**
     * The checker's replay recomputes gradient nodes when an input moves, bit for bit as
     * recording afresh does: the graph rules' masks and outputs are operations, not constants.
     */
    @Test
    void replayRecomputesGradientNodesAsARecordingAfreshDoes() {
        Graph g = new Graph();
        Node x = g.parameter("x", Tensor.row(0.7, -0.4));
        Node y = x.relu().mul(x.sigmoid()).sum().add(x.max());
        Node d = g.gradient(y, x).mul(g.constant(Tensor.row(1, 2))).sum();
        Replay replay = Replay.of(d);
        assertFalse(replay.valuesWereRead());
        replay.shiftElementInPlace(x, 0, -1.5); // x0 from 0.7 to -0.8: relu's mask and the maximum move
        double replayed = replay.outputElement(0);

        Graph fresh = new Graph();
        Node xs = fresh.parameter("x", Tensor.row(-0.8, -0.4));
        Node ys = xs.relu().mul(xs.sigmoid()).sum().add(xs.max());
        double recorded = fresh.gradient(ys, xs).mul(fresh.constant(Tensor.row(1, 2))).sum().value().item();
        assertEquals(recorded, replayed, 0.0);
    }
}
