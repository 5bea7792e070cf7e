package org.chainrule.nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.junit.jupiter.api.Test;

/** The Huber loss against its definition, in both regimes, and its clipped gradient. */
class HuberTest {
    @Test
    void quadraticInsideDeltaLinearOutsideAndTheGradientIsClipped() {
        Graph g = new Graph();
        Node y = g.parameter("y", Tensor.row(0.5, 3, -4, 2));
        Node loss = Losses.huber(2).apply(y, g.constant(Tensor.row(0, 0, 0, 2)));
        // h = 0.125, 2 (3 - 1) = 4, 2 (4 - 1) = 6, 0; mean over 4
        assertEquals((0.125 + 4 + 6 + 0) / 4, loss.value().item(), 1e-15);
        g.backward(loss);
        // d / n inside, +-delta / n outside
        assertEquals(Tensor.row(0.5 / 4, 2.0 / 4, -2.0 / 4, 0), y.gradient());
        assertThrows(ChainruleException.class, () -> Losses.huber(0));
        assertEquals("huber loss (delta 1)", Losses.HUBER.name());
    }
}
