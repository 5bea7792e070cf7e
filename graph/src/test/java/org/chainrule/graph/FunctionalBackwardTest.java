package org.chainrule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.chainrule.core.Axis;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Elementwise;
import org.chainrule.core.ShapeMismatchException;
import org.chainrule.core.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * {@link Graph#computeGradients}: the same gradients as {@code backward}, into buffers of its
 * own, leaving every parameter's gradient and every node's {@code gradient()} as they were.
 */
class FunctionalBackwardTest {
    /** A small network with a shared weight, a broadcast bias and a node used twice. */
    private static final class Net {
        final Graph graph = new Graph();
        final Node x = graph.input("x", Tensor.of(new double[][] {{0.5, -1}, {2, 0.25}, {-0.75, 1.5}}));
        final Node w = graph.parameter("W", Tensor.of(new double[][] {{0.3, -0.2}, {0.4, 0.6}}));
        final Node b = graph.parameter("b", Tensor.row(0.1, -0.1));
        final Node h = x.matmul(w).add(b).tanh().setName("h");
        /** W reaches the loss through two matmuls (added in place by backward) and a square (written, then added). */
        final Node loss = h.matmul(w).mul(h).softmax(Axis.EACH_ROW).log().sum().add(w.square().sum()).setName("loss");
    }

    @Test
    void theFunctionalPassGivesBackwardsGradientsForEveryNode() {
        Net functional = new Net();
        Gradients g = functional.graph.computeGradients(functional.loss);
        Net stateful = new Net();
        stateful.graph.backward(stateful.loss);
        for (int i = 0; i < functional.graph.size(); i++) {
            Node node = functional.graph.nodes().get(i);
            if (node.requiresGradient()) {
                assertEquals(stateful.graph.nodes().get(i).gradient(), g.of(node), node.label());
            }
        }
        assertEquals(stateful.w.gradient(), g.of(functional.w.parameter()));
        assertEquals(functional.loss, g.output());
    }

    @Test
    void itLeavesParameterGradientsNodeGradientsAndValuesAsTheyWere() {
        Net net = new Net();
        net.graph.backward(net.loss);
        Tensor w = net.w.gradient();
        Tensor h = net.h.gradient();
        Tensor value = net.loss.value();
        int passes = net.graph.backwardPasses();
        Gradients g = net.graph.computeGradients(net.h.sum());
        assertEquals(Tensor.filled(3, 2, 1), g.of(net.h));
        assertEquals(w, net.w.gradient(), "the parameter's gradient");
        assertEquals(w, net.w.parameter().gradient());
        assertEquals(h, net.h.gradient(), "the node's gradient from the last backward");
        assertEquals(value, net.loss.value());
        assertEquals(passes, net.graph.backwardPasses());
        net.graph.backward(net.loss);
        assertEquals(Tensor.adopt(Elementwise.scale(2, w.toMatrix(), null)), net.w.gradient(),
                "a second backward adds once more, no more");
    }

    @Test
    void aNodeOnNoPathHasAZeroGradientAndTheResultOutlivesRecycling() {
        Net net = new Net();
        Node beside = net.b.square().sum();
        Gradients g = net.graph.computeGradients(net.h.sum(), Tensor.scalar(2), null);
        assertEquals(Tensor.zeros(1, 1), g.of(beside), "recorded after the output");
        assertEquals(Tensor.zeros(1, 1), g.of(net.loss), "recorded before the output, on no path to it");
        Tensor dw = g.of(net.w);
        net.graph.recycle();
        assertEquals(dw, g.of(net.w));
    }

    @Test
    void theListenerSeesEveryEdgeAsInBackward() {
        Net net = new Net();
        List<String> functional = new ArrayList<>();
        net.graph.computeGradients(net.loss, Tensor.scalar(1), listener(functional));
        List<String> stateful = new ArrayList<>();
        net.graph.backward(net.loss, Tensor.scalar(1), listener(stateful));
        assertEquals(stateful, functional);
        assertTrue(functional.size() > 10, functional.toString());
    }

    private static BackwardListener listener(List<String> log) {
        return new BackwardListener() {
            @Override
            public void reached(Node node) {
                log.add("reached " + node.label());
            }

            @Override
            public void contributed(Node consumer, int input, DMatrixRMaj contribution) {
                log.add(consumer.label() + " -> " + input + ": " + Tensor.copyOf(contribution));
            }
        };
    }

    @Test
    void refusalsNameWhatToDo() {
        Net net = new Net();
        ShapeMismatchException notScalar = assertThrows(ShapeMismatchException.class,
                () -> net.graph.computeGradients(net.h));
        assertEquals("computeGradients: node 'h' is 3x2, not 1x1: a gradient needs a scalar output. Reduce it first"
                + " (for example .sum() or .mean()), or call computeGradients(node, seed, listener) with a 3x2 seed",
                notScalar.getMessage());
        ChainruleException data = assertThrows(ChainruleException.class,
                () -> net.graph.computeGradients(net.loss).of(net.x));
        assertEquals("Gradients.of: node 'x' has no gradient: it does not depend on any parameter. Record the"
                + " leaves you want gradients for with graph.parameter(...)", data.getMessage());
        Graph other = new Graph();
        Node elsewhere = other.parameter("v", Tensor.scalar(1));
        assertThrows(ChainruleException.class, () -> net.graph.computeGradients(net.loss).of(elsewhere));
        assertThrows(ChainruleException.class, () -> net.graph.computeGradients(net.loss).of(new Parameter("p",
                Tensor.scalar(1))));
        assertThrows(ChainruleException.class, () -> net.graph.computeGradients(net.x.sum()));
    }
}
