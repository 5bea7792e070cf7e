package org.chainrule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Shape;
import org.chainrule.core.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** {@link Graph#recycle()}: the next recording reuses the buffers and computes exactly what a fresh graph does. */
class RecycleTest {
    private final Parameter w = new Parameter("W", Tensor.uniform(3, 4, -1, 1, new Random(1)));
    private final Parameter b = new Parameter("b", Tensor.uniform(1, 4, -1, 1, new Random(2)));

    /** A small layer with a loss: matmul, broadcast add, tanh, and a shared use of the hidden value. */
    private Node record(Graph g, Tensor x) {
        Node h = g.input("X", x).matmul(g.parameter(w)).add(g.parameter(b)).tanh();
        return h.mul(h).add(h).sum();
    }

    private static Tensor batch(int rows, long seed) {
        return Tensor.uniform(rows, 3, -2, 2, new Random(seed));
    }

    @Test
    void aRecycledGraphComputesWhatAFreshOneDoesAndReusesItsBuffers() {
        Graph g = new Graph();
        for (int step = 0; step < 4; step++) {
            Tensor x = batch(5, step);
            Graph fresh = new Graph();
            w.zeroGradient();
            b.zeroGradient();
            Node expectedLoss = record(fresh, x);
            fresh.backward(expectedLoss);
            Tensor expectedW = w.gradient();
            Tensor expectedB = b.gradient();

            Graph previous = g;
            g = g.recycle();
            assertTrue(previous.isRecycled());
            w.zeroGradient();
            b.zeroGradient();
            Node loss = record(g, x);
            g.backward(loss);
            assertEquals(expectedLoss.value().item(), loss.value().item(), 0, "step " + step);
            assertTrue(expectedW.approxEquals(w.gradient(), 0), "step " + step);
            assertTrue(expectedB.approxEquals(b.gradient(), 0), "step " + step);
        }
    }

    @Test
    void theNextRecordingTakesTheBuffersNodeByNodeWhenShapesMatch() {
        Graph first = new Graph();
        Node loss1 = record(first, batch(5, 1));
        first.backward(loss1);
        List<Node> before = first.nodes();
        DMatrixRMaj[] values = before.stream().map(n -> n.value).toArray(DMatrixRMaj[]::new);
        DMatrixRMaj[] gradients = before.stream().map(n -> n.gradient).toArray(DMatrixRMaj[]::new);

        Graph second = first.recycle();
        Node loss2 = record(second, batch(5, 2));
        second.backward(loss2);
        List<Node> after = second.nodes();
        for (int i = 0; i < after.size(); i++) {
            Node n = after.get(i);
            if (n.operation != null) {
                assertSame(values[i], n.value, "value buffer of node " + i + " reused");
                assertSame(gradients[i], n.gradient, "gradient buffer of node " + i + " reused");
            }
        }

        // A different batch size: shapes differ, so new buffers, and the right answer.
        Graph third = second.recycle();
        Node loss3 = record(third, batch(7, 3));
        Node matmul = third.nodes().get(2);
        assertEquals(new Shape(7, 4), matmul.shape());
        assertNotSame(values[2], matmul.value);
        Graph fresh = new Graph();
        assertEquals(record(fresh, batch(7, 3)).value().item(), loss3.value().item(), 0);
    }

    @Test
    void aRecycledGraphRefusesEverythingAndTensorsReadEarlierStayValid() {
        Graph g = new Graph();
        Node x = g.input("x", Tensor.row(1, 2));
        Node p = g.parameter("p", Tensor.row(3, 4));
        Node y = x.mul(p).tanh();
        Node loss = y.sum();
        g.backward(loss);
        Tensor kept = y.value();
        Tensor keptGradient = y.gradient();

        Graph next = g.recycle();
        Node y2 = next.input("x", Tensor.row(-5, -6)).mul(next.parameter(p.parameter())).tanh();
        next.backward(y2.scale(3).sum());
        assertTrue(y2.value().get(0, 0) < 0);
        assertEquals(3, y2.gradient().get(0, 0), 0);
        assertEquals(Math.tanh(3), kept.get(0, 0), 1e-15, "a tensor read before recycling is a copy");
        assertEquals(1, keptGradient.get(0, 0), 0, "so is a gradient");

        for (Runnable use : List.<Runnable>of(y::value, y::gradient, () -> g.backward(loss), () -> g.input("z", Tensor.scalar(1)),
                () -> g.parameter(new Parameter("q", Tensor.scalar(1))), () -> y.add(y), g::recycle)) {
            ChainruleException e = assertThrows(ChainruleException.class, use::run);
            assertTrue(e.getMessage().contains("recycled"), e.getMessage());
        }
        assertFalse(next.isRecycled());
    }

    /** A smaller batch (the last of an epoch) writes into the bigger batch's buffers, reshaped. */
    @Test
    void aSmallerRecordingReusesTheBiggerBuffers() {
        Graph first = new Graph();
        Node loss1 = record(first, batch(7, 1));
        first.backward(loss1);
        DMatrixRMaj[] values = first.nodes().stream().map(n -> n.value).toArray(DMatrixRMaj[]::new);
        Graph second = first.recycle();
        Node loss2 = record(second, batch(3, 2));
        second.backward(loss2);
        Node matmul = second.nodes().get(2);
        assertEquals(new Shape(3, 4), matmul.shape());
        assertSame(values[2], matmul.value);
        assertEquals(record(new Graph(), batch(3, 2)).value().item(), loss2.value().item(), 0);
    }

    /** An operation must write into the buffer it is handed, not reshape it. */
    @Test
    void anOperationThatReshapesItsOutputIsRefused() {
        Operation sloppy = new Operation() {
            @Override
            public String name() {
                return "sloppy";
            }

            @Override
            public Shape outputShape(List<Shape> inputs) {
                return inputs.get(0);
            }

            @Override
            public void forward(DMatrixRMaj[] inputs, DMatrixRMaj out) {
                out.setTo(inputs[0]);
                out.reshape(1, 1);
            }

            @Override
            public void vjp(int input, DMatrixRMaj[] inputs, DMatrixRMaj output, DMatrixRMaj g, DMatrixRMaj gradient) {
                throw new AssertionError("not reached");
            }
        };
        Graph g = new Graph();
        Node p = g.parameter("p", Tensor.row(1, 2));
        ChainruleException e = assertThrows(ChainruleException.class, () -> g.apply(sloppy, p));
        assertTrue(e.getMessage().contains("sloppy: forward reshaped its output to 1x1 but outputShape promised 1x2"),
                e.getMessage());
    }
}
