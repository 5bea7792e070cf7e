package org.chainrule.graph.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The traced backward pass, the path sum and the graph pictures on small graphs worked by hand. */
class TraceTest {

    /** o = (w + w) * w: w reaches o by three edges; do/dw = 4w. */
    private static Node threeEdges(Graph g, double w0) {
        Node w = g.parameter("w", Tensor.scalar(w0));
        Node s = w.add(w).setName("s");
        return s.mul(w).setName("o");
    }

    @Test
    void traceListsEveryEdgeAndItsSumEqualsTheGradient() {
        Graph g = new Graph();
        Node o = threeEdges(g, 1.5);
        BackwardTrace trace = BackwardTrace.record(o);
        Node w = g.nodes().get(0);
        assertEquals(6.0, w.gradient().item(), 1e-15);
        BackwardTrace.Step last = trace.steps().get(trace.steps().size() - 1);
        assertEquals(w, last.node());
        // w receives three contributions: from o (s = 3) and twice from s (o's gradient times w = 1.5).
        assertEquals(3, last.contributions().size());
        double sum = 0;
        for (BackwardTrace.Contribution c : last.contributions()) {
            sum += c.amount().item();
        }
        assertEquals(6.0, sum, 1e-15);
        assertEquals(6.0, last.delta().item(), 1e-15);
        assertEquals(3, trace.totalSteps());
        assertEquals(4, trace.totalEdges());
        String text = trace.render(Format.TEXT);
        assertTrue(text.contains("Delta"), text);
        assertTrue(text.contains("'w'") || text.contains("w"), text);
        String markdown = trace.render(Format.MARKDOWN);
        assertFalse(markdown.equals(text));
    }

    @Test
    void aTraceFitsOneHundredColumnsAndWritesNoMinusZero() {
        Graph g = new Graph();
        Node w = g.parameter("weights", Tensor.of(new double[][] {{-0.00123456, 0.00234567, -0.00345678},
            {0.00456789, -0.00567891, 0.00678912}, {-0.00789123, 0.00891234, -0.00912345}}));
        Node y = g.constant("y", Tensor.of(new double[][] {{0, 1, 0}, {1, 0, 0}, {0, 0, 1}}));
        Node o = w.mul(y.neg().setName("-y")).setName("weighted").sum().setName("o");
        String text = BackwardTrace.record(o).render(Format.TEXT);
        for (String line : text.split("\n")) {
            assertTrue(line.length() <= Blackboard.WIDTH, line.length() + ": " + line);
        }
        assertFalse(text.matches("(?s).*[^0-9.e]-0[^.0-9e].*"), text);
        assertTrue(text.contains("-0.00345678],\n"), "a wide tensor is written row under row:\n" + text);
        assertTrue(text.contains("3 nodes and 2 edges"), text);
        Graph one = new Graph();
        Node p = one.parameter("p", Tensor.scalar(2));
        assertTrue(BackwardTrace.record(p.tanh().setName("t")).render(Format.TEXT).contains("2 nodes and 1 edge:"));
    }

    @Test
    void compoundNamesAreParenthesisedInFormulas() {
        Graph g = new Graph();
        Node w = g.parameter("w", Tensor.scalar(0.5));
        Node s = w.add(w).setName("w+w");
        Node o = s.log().setName("o");
        String text = BackwardTrace.record(o).render(Format.TEXT);
        assertTrue(text.contains("do/d(w+w) = 1 / (w+w)"), text);
    }

    @Test
    void traceCopiesContributionsTheEngineReuses() {
        Graph g = new Graph();
        Node x = g.parameter("x", Tensor.row(1, 2, 3));
        Node y = x.mul(x).add(x.tanh()).sum();
        BackwardTrace trace = BackwardTrace.record(y);
        BackwardTrace.Step xs = trace.steps().get(trace.steps().size() - 1);
        Tensor total = xs.contributions().get(0).amount();
        for (int i = 1; i < xs.contributions().size(); i++) {
            total = Tensor.adopt(org.chainrule.core.Broadcast.add(total.matrixView(),
                    xs.contributions().get(i).amount().matrixView(), null));
        }
        assertTrue(total.approxEquals(x.gradient(), 1e-12), total + " vs " + x.gradient());
    }

    @Test
    void pathSumOfTheNotesTwoPathExampleEqualsBackward() {
        Graph g = new Graph();
        Node w = g.parameter("w", Tensor.scalar(0.37));
        Node y = w.sigmoid().setName("y");
        Node z = w.sigmoid().setName("z");
        Node o = y.tanh().setName("p").mul(z.exp().setName("q")).setName("o");
        PathSum sum = PathSum.compute(w, o);
        assertEquals(2, sum.paths().size());
        assertTrue(sum.agrees());
        assertEquals(sum.backwardGradient(), sum.sum(), 1e-15);
        double f = 1 / (1 + Math.exp(-0.37));
        double df = f * (1 - f);
        double expected = Math.exp(f) * (1 - Math.pow(Math.tanh(f), 2)) * df + Math.tanh(f) * Math.exp(f) * df;
        assertEquals(expected, sum.sum(), 1e-15);
        assertEquals(2, PathSum.countPaths(w, o));
    }

    @Test
    void pathSumRefusesExponentiallyManyPathsAndSaysWhyBackpropagationExists() {
        Graph g = new Graph();
        Node w = g.parameter("w", Tensor.scalar(0.1));
        Node h = w;
        for (int i = 0; i < 20; i++) {
            h = h.add(h.scale(0.5)); // two edges per layer: 2^20 paths
        }
        Node out = h;
        assertEquals(1L << 20, PathSum.countPaths(w, out));
        ChainruleException e = assertThrows(ChainruleException.class, () -> PathSum.compute(w, out));
        assertTrue(e.getMessage().contains("1,048,576") || e.getMessage().contains("1048576"), e.getMessage());
        assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("backprop"), e.getMessage());
    }

    @Test
    void dotShowsOpsNamesShapesValuesAndGradients(@TempDir Path dir) throws Exception {
        Graph g = new Graph();
        Node o = threeEdges(g, 1.5);
        String before = GraphPicture.toDot(g);
        assertTrue(before.startsWith("digraph"), before);
        assertTrue(before.contains("multiply") && before.contains("'s'") || before.contains("s"), before);
        g.backward(o);
        String after = GraphPicture.toDot(g);
        assertTrue(after.contains("6"), "the gradient of w appears after backward: " + after);
        // Without Graphviz: the .dot file is written and the message says how to render it.
        GraphPicture.Rendering r = new GraphPicture("/nonexistent/dot", 100).export(g, dir.resolve("g.svg"));
        assertTrue(Files.exists(dir.resolve("g.dot")));
        assertTrue(r.message().contains("apt-get install graphviz"), r.message());
        // With Graphviz, when this machine has it: a real SVG and PNG.
        GraphPicture withDot = new GraphPicture();
        if (withDot.dotAvailable()) {
            GraphPicture.Rendering both = withDot.export(g, dir.resolve("h.dot"));
            assertTrue(Files.size(dir.resolve("h.png")) > 100, both.message());
            assertTrue(Files.readString(dir.resolve("h.svg")).contains("<svg"), both.message());
        }
    }
}
