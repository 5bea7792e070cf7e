package org.chainrule.graph.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interactive page's HTML: self-contained, the trace's own numbers, any graph (the browser test drives it). */
class BackwardPageTest {
    @Test
    void aUsersGraphBecomesOneSelfContainedPageWithTheTracesNumbers(@TempDir Path dir) throws Exception {
        Graph g = new Graph();
        Node w = g.parameter("w", Tensor.scalar(0.5));
        Node o = w.tanh().setName("t").mul(w).setName("o");
        BackwardTrace trace = BackwardTrace.record(o);
        Path file = BackwardPage.of(trace).titled("My </script> graph").writeTo(dir.resolve("page.html"));
        String html = Files.readString(file);
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        Matcher url = Pattern.compile("(https?:)?//[a-z]").matcher(html.replace("http://www.w3.org/2000/svg", ""));
        assertFalse(url.find(), "no network address in the page: " + (url.find(0) ? url.group() : ""));
        assertFalse(html.contains("<script src") || html.contains("<link"), "everything inline");
        assertTrue(html.contains("<title>My &lt;/script&gt; graph</title>"), "the title is escaped");
        // every contribution the text trace writes is in the page's data, as the text writes it
        for (BackwardTrace.Step step : trace.steps()) {
            for (BackwardTrace.Contribution c : step.contributions()) {
                String shown = Notation.derivative(c.consumer(), step.node()) + " * " + Notation.delta(c.consumer())
                        + " = " + Notation.tensor(c.amount());
                assertTrue(trace.render(Format.TEXT).contains(shown), shown);
                assertTrue(html.contains("\"contribution\":\"" + shown + "\""), shown);
            }
        }
        assertTrue(html.contains("\"running\":\"Delta(w) = " + Blackboard.number(w.gradient().item())
                + "   (sum of 2 contributions)\""), html);
    }

    @Test
    void aLargeGraphIsDrawnByTheNodesItsTraceRecorded() {
        Graph g = new Graph();
        Node h = g.parameter("w", Tensor.scalar(0.1));
        for (int i = 0; i < 2_000; i++) {
            h = h.tanh();
        }
        BackwardTrace trace = BackwardTrace.record(h.sum(), Tensor.scalar(1.0), 50);
        String html = BackwardPage.of(trace).html();
        int drawn = html.split("\"depth\":", -1).length - 1;
        assertEquals(50, drawn, "the 50 recorded steps' nodes, not all 2,002");
        assertTrue(html.length() < 200_000, "small: " + html.length());
    }

    @Test
    void aPathSumMustEndAtTheTracesOutput() {
        Graph g = new Graph();
        Node w = g.parameter("w", Tensor.scalar(0.5));
        Node a = w.tanh().setName("a");
        Node o = a.mul(w).setName("o");
        BackwardTrace trace = BackwardTrace.record(o);
        assertThrows(ChainruleException.class, () -> BackwardPage.of(trace).withPaths(PathSum.compute(w, a)));
        String html = BackwardPage.of(trace).withPaths(PathSum.compute(w, o)).html();
        assertTrue(html.contains("id=\"mode-paths\""), "a path-sum mode");
        assertTrue(html.contains("\"head\":\"path 2: w -> o\""), html);
    }
}
