package org.chainrule.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chainrule.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Graphs a million nodes deep: recording and backward are iterative, so they work with the
 * default thread stack, in the 1 GiB heap that this module's surefire configuration gives
 * the test JVM ({@code -Xmx1g} in graph/pom.xml).
 */
class DeepGraphTest {
    private static final int DEPTH = 1_000_000;

    @Test
    void backwardThroughAChainOfAMillionNodes() {
        long maxHeap = Runtime.getRuntime().maxMemory();
        assertTrue(maxHeap <= 1L << 30, "this test must run with -Xmx1g (see graph/pom.xml); the heap is " + maxHeap);
        Graph g = new Graph();
        Node x = g.parameter("x", Tensor.row(0.75, -3));
        Node h = x;
        // Doubling then halving is exact in binary, so value and gradient are exact after any depth.
        for (int i = 1; i < DEPTH; i++) {
            h = h.scale(i % 2 == 1 ? 2.0 : 0.5);
        }
        assertEquals(DEPTH, g.size());
        assertEquals(Tensor.row(1.5, -6), h.value(), "an odd number of steps ends on a doubling");
        Node loss = h.sum();
        g.backward(loss);
        assertEquals(Tensor.row(2, 2), x.gradient());
        assertEquals(Tensor.row(1, 1), g.nodes().get(DEPTH - 1).gradient());
    }
}
