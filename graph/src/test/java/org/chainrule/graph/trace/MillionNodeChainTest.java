package org.chainrule.graph.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nothing in the teaching tools recurses on the graph's depth: the traced backward, the path
 * enumeration's refusal and the DOT export all work on a chain of 1,000,000 nodes with the
 * default thread stack (surefire's forked JVM runs these with -Xmx1g).
 */
class MillionNodeChainTest {
    private static Graph graph;
    private static Node w;
    private static Node out;

    @BeforeAll
    static void record() {
        graph = new Graph();
        w = graph.parameter("w", Tensor.scalar(0.5));
        Node h = w;
        for (int i = 0; i < 20; i++) {
            h = h.add(h.scale(0.5)); // 2^20 paths through the first 40 operations
        }
        while (graph.size() < 1_000_000) {
            h = h.scale(1.0);
        }
        out = h;
    }

    @Test
    void tracedBackwardKeepsTheFirstStepsAndCountsTheRest() {
        BackwardTrace trace = BackwardTrace.record(out);
        assertEquals(1_000_000, graph.size());
        assertEquals(1_000_000, trace.totalSteps());
        assertEquals(BackwardTrace.DEFAULT_MAX_STEPS, trace.steps().size());
        assertEquals(Math.pow(1.5, 20), w.gradient().item() / graph.backwardPasses(), 1e-6);
        assertTrue(trace.render(Format.TEXT).length() > 0);
    }

    @Test
    void pathSumRefusesByCountingPathsWithoutRecursion() {
        assertEquals(1L << 20, PathSum.countPaths(w, out));
        ChainruleException e = assertThrows(ChainruleException.class, () -> PathSum.compute(w, out));
        assertTrue(e.getMessage().contains("1,048,576"), e.getMessage());
    }

    @Test
    void dotExportStreamsAMillionNodes() throws IOException {
        long[] chars = new long[1];
        try (Writer counter = new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) {
                chars[0] += length;
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        }) {
            GraphPicture.writeDot(graph, counter);
        }
        assertTrue(chars[0] > 1_000_000 * 20L, "wrote " + chars[0] + " characters");
    }
}
