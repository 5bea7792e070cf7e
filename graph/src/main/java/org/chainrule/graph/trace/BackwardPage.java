package org.chainrule.graph.trace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Elementwise;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Node;
import org.ejml.data.DMatrixRMaj;

/**
 * A recorded backward pass as one self-contained web page that a student steps through with
 * buttons or the arrow keys: the graph is drawn, and each step highlights the node {@code h}
 * and the edge to its consumer {@code h'}, and shows the local derivative {@code dh'/dh}, the
 * contribution {@code dh'/dh · Delta(h')} and the running sum {@code Delta(h)}. With a
 * {@link PathSum}, a second mode highlights one path at a time with its product and the
 * running sum over paths. Every number is the {@link BackwardTrace}'s own, written as its
 * text rendering writes it.
 *
 * <p>The page needs no network: its style, script and data are inline. The graph is laid out
 * by depth (forward flows left to right, or top to bottom on a narrow screen). A graph of more
 * than {@link #DRAWN_LIMIT} nodes is drawn by the nodes the trace recorded only, without
 * values on the boxes; a click on a node shows its value and {@code Delta} on demand.
 *
 * <pre>{@code
 * BackwardTrace trace = BackwardTrace.record(loss);
 * BackwardPage.of(trace).titled("My network").writeTo(Path.of("backward.html"));
 * }</pre>
 */
public final class BackwardPage {
    /** Above this many nodes in the graph, only the nodes the trace recorded are drawn. */
    public static final int DRAWN_LIMIT = 300;

    private final BackwardTrace trace;
    private final PathSum paths;
    private final String title;
    private final String subtitle;
    private final String text;
    private final String backLink;

    private BackwardPage(BackwardTrace trace, PathSum paths, String title, String subtitle, String text,
            String backLink) {
        this.trace = trace;
        this.paths = paths;
        this.title = title;
        this.subtitle = subtitle;
        this.text = text;
        this.backLink = backLink;
    }

    /**
     * A page for a recorded backward pass, titled after its output.
     *
     * @param trace the trace.
     * @return the page.
     */
    public static BackwardPage of(BackwardTrace trace) {
        ChainruleException.requireNonNull(trace, "BackwardPage: trace");
        return new BackwardPage(trace, null, "Backward pass from " + Notation.symbol(trace.output()), "",
                trace.render(Format.TEXT), "");
    }

    /**
     * The same page with a title.
     *
     * @param newTitle one line.
     * @return a new page.
     */
    public BackwardPage titled(String newTitle) {
        return new BackwardPage(trace, paths, ChainruleException.requireNonNull(newTitle, "BackwardPage: title"), subtitle, text, backLink);
    }

    /**
     * The same page with a line of explanation under the title.
     *
     * @param newSubtitle one line.
     * @return a new page.
     */
    public BackwardPage subtitled(String newSubtitle) {
        return new BackwardPage(trace, paths, title, ChainruleException.requireNonNull(newSubtitle, "BackwardPage: subtitle"), text, backLink);
    }

    /**
     * The same page with a path-sum mode: one path at a time, its product, the running sum.
     *
     * @param pathSum every path from a node to the trace's output, from the same graph.
     * @return a new page.
     * @throws ChainruleException if the path sum is over another graph or output.
     */
    public BackwardPage withPaths(PathSum pathSum) {
        ChainruleException.requireNonNull(pathSum, "BackwardPage: pathSum");
        if (pathSum.to() != trace.output()) {
            throw new ChainruleException("BackwardPage: the path sum ends at " + pathSum.to().label()
                    + ", the trace at " + trace.output().label() + "; they must describe the same output");
        }
        return new BackwardPage(trace, pathSum, title, subtitle, text, backLink);
    }

    /**
     * The same page showing a full text (e.g. a lesson's) under the controls instead of the
     * trace's own text rendering.
     *
     * @param newText plain text.
     * @return a new page.
     */
    public BackwardPage withText(String newText) {
        return new BackwardPage(trace, paths, title, subtitle, ChainruleException.requireNonNull(newText, "BackwardPage: text"), backLink);
    }

    /**
     * The same page with a link back to an index page.
     *
     * @param href the link, e.g. {@code index.html}.
     * @return a new page.
     */
    public BackwardPage linkingBackTo(String href) {
        return new BackwardPage(trace, paths, title, subtitle, text, ChainruleException.requireNonNull(href, "BackwardPage: href"));
    }

    /**
     * Writes the page.
     *
     * @param file the HTML file; its directory must exist.
     * @return the file.
     * @throws ChainruleException if the file cannot be written.
     */
    public Path writeTo(Path file) {
        ChainruleException.requireNonNull(file, "BackwardPage: file");
        try {
            Files.writeString(file, html(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ChainruleException("BackwardPage: cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /**
     * The page as HTML.
     *
     * @return the whole document.
     */
    public String html() {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n")
                .append(resource("backward-page.css")).append("</style>\n</head>\n<body>\n<header>\n<h1>")
                .append(escape(title)).append("</h1>\n<p>")
                .append(escape(subtitle.isEmpty() ? "Delta(h) = sum over consumers h' of dh'/dh * Delta(h')"
                        : subtitle));
        if (!backLink.isEmpty()) {
            sb.append(" &middot; <a href=\"").append(escape(backLink)).append("\">all lessons</a>");
        }
        sb.append("</p>\n</header>\n<main>\n<div id=\"graph\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""
                + " aria-label=\"the graph, forward from inputs to output\"></svg></div>\n<section id=\"panel\">\n"
                + "<div class=\"controls\"><button id=\"first\" title=\"first step (Home)\">Start</button>"
                + "<button id=\"back\" title=\"back (left arrow)\">&#x25C0; Back</button>"
                + "<button id=\"next\" class=\"primary\" title=\"next (right arrow)\">Next &#x25B6;</button>"
                + "<button id=\"last\" title=\"last step (End)\">End</button><span id=\"counter\"></span></div>\n"
                + "<div class=\"controls\"><button id=\"mode-backward\" aria-pressed=\"true\">Backward pass</button>");
        if (paths != null) {
            sb.append("<button id=\"mode-paths\" aria-pressed=\"false\" title=\"P\">Path sum</button>");
        }
        sb.append("</div>\n<h2 id=\"head\"></h2>\n<dl>\n")
                .append("<dt>local derivative</dt><dd><span id=\"local\"></span></dd>\n")
                .append("<dt>contribution</dt><dd><span id=\"contribution\"></span></dd>\n")
                .append("<dt>factors</dt><dd><span id=\"factors\"></span></dd>\n")
                .append("<dt>product</dt><dd><span id=\"product\"></span></dd>\n")
                .append("<dt>running sum</dt><dd><span id=\"running\"></span></dd>\n")
                .append("<dt>value</dt><dd><span id=\"value\"></span></dd>\n</dl>\n")
                .append("<p hidden><span id=\"selected\"></span></p>\n")
                .append("<p class=\"hint\">Right and left arrow keys step forward and back; Home and End jump.")
                .append(paths != null ? " P switches between the backward pass and the path sum." : "")
                .append(" Click a node for its value and Delta.</p>\n")
                .append("<details><summary>The same numbers as text</summary><pre>").append(escape(text))
                .append("</pre></details>\n</section>\n</main>\n<script type=\"application/json\" id=\"trace-data\">")
                .append(json().replace("</", "<\\/")).append("</script>\n<script>\n")
                .append(resource("backward-page.js")).append("</script>\n</body>\n</html>\n");
        return sb.toString();
    }

    /** The page's data: nodes with their layout, edges, steps and paths. */
    private String json() {
        List<Node> drawn = drawnNodes();
        Map<Node, Integer> depth = new IdentityHashMap<>();
        Map<Integer, Integer> rows = new HashMap<>();
        Map<Node, Tensor> deltas = new IdentityHashMap<>();
        for (BackwardTrace.Step step : trace.steps()) {
            deltas.put(step.node(), step.delta());
        }
        Json nodes = Json.array();
        Set<Node> drawnSet = Collections.newSetFromMap(new IdentityHashMap<>());
        drawnSet.addAll(drawn);
        Json edges = Json.array();
        for (Node n : drawn) {
            int d = 0;
            for (Node input : n.inputs()) {
                if (drawnSet.contains(input)) {
                    d = Math.max(d, depth.get(input) + 1);
                    edges.add(Json.object().put("from", input.id()).put("to", n.id()));
                }
            }
            depth.put(n, d);
        }
        // a leaf sits just before its first consumer, not at the far left
        Map<Node, Integer> firstUse = new IdentityHashMap<>();
        for (Node n : drawn) {
            for (Node input : n.inputs()) {
                if (input.operation() == null && drawnSet.contains(input)) {
                    firstUse.merge(input, depth.get(n) - 1, Math::min);
                }
            }
        }
        firstUse.forEach(depth::put);
        for (Node n : drawn) {
            int d = depth.get(n);
            int row = rows.merge(d, 1, Integer::sum) - 1;
            Tensor delta = deltas.get(n);
            nodes.add(Json.object().put("id", n.id()).put("name", Notation.symbol(n))
                    .put("def", Notation.definition(n)).put("shape", n.shape().toString())
                    .put("value", Notation.tensor(n.value())).put("short", shortValue(n.value()))
                    .put("delta", delta == null ? "" : Notation.delta(n) + " = " + Notation.tensor(delta))
                    .put("leaf", n.operation() == null).put("depth", d).put("row", row));
        }
        return Json.object().put("nodes", nodes).put("edges", edges).put("steps", steps()).put("paths", paths())
                .toString();
    }

    /** The nodes to draw, in id (topological) order. */
    private List<Node> drawnNodes() {
        List<Node> all = trace.output().graph().nodes();
        if (all.size() <= DRAWN_LIMIT) {
            return List.copyOf(all.subList(0, trace.output().id() + 1));
        }
        Set<Node> chosen = new LinkedHashSet<>();
        for (BackwardTrace.Step step : trace.steps()) {
            chosen.add(step.node());
        }
        List<Node> ordered = new ArrayList<>(chosen);
        ordered.sort((a, b) -> Integer.compare(a.id(), b.id()));
        return ordered;
    }

    /** One entry per seed and per contribution, in the engine's order. */
    private Json steps() {
        Json steps = Json.array();
        for (BackwardTrace.Step step : trace.steps()) {
            Node node = step.node();
            String head = Notation.header(node);
            String value = Notation.tensor(step.value());
            if (step.isSeed()) {
                steps.add(Json.object().put("node", node.id()).put("head", head).put("value", value)
                        .put("running", Notation.delta(node) + " = " + Notation.tensor(step.delta()) + "   (seed)")
                        .put("complete", true));
                continue;
            }
            DMatrixRMaj sum = null;
            List<BackwardTrace.Contribution> arrived = step.contributions();
            for (int i = 0; i < arrived.size(); i++) {
                BackwardTrace.Contribution c = arrived.get(i);
                if (sum == null) {
                    sum = c.amount().toMatrix();
                } else {
                    Elementwise.addInPlace(sum, c.amount().matrixView());
                }
                boolean last = i == arrived.size() - 1;
                String formula = c.formula().isEmpty() ? "-" : c.formula();
                String running = Notation.delta(node) + (last ? " = " : " so far = ")
                        + Notation.tensor(Tensor.copyOf(sum)) + (last && arrived.size() > 1
                        ? "   (sum of " + arrived.size() + " contributions)" : "");
                steps.add(Json.object().put("node", node.id())
                        .put("edge", Json.array().add(node.id()).add(c.consumer().id()))
                        .put("head", head).put("value", value)
                        .put("local", Notation.derivative(c.consumer(), node) + " = " + formula)
                        .put("contribution", Notation.derivative(c.consumer(), node) + " * "
                                + Notation.delta(c.consumer()) + " = " + Notation.tensor(c.amount()))
                        .put("running", running).put("complete", last));
            }
        }
        return steps;
    }

    /** One entry per path, with the running sum of the products; empty without a path sum. */
    private Json paths() {
        Json out = Json.array();
        if (paths == null) {
            return out;
        }
        double running = 0;
        List<PathSum.Path> list = paths.paths();
        String dodw = Notation.derivative(paths.to(), paths.from());
        for (int p = 0; p < list.size(); p++) {
            PathSum.Path path = list.get(p);
            running += path.product();
            Json ids = Json.array().add(paths.from().id());
            StringBuilder route = new StringBuilder(Notation.symbol(paths.from()));
            Json factors = Json.array();
            for (PathSum.Factor f : path.factors()) {
                ids.add(f.consumer().id());
                route.append(" -> ").append(Notation.symbol(f.consumer()));
                String formula = f.formula().isEmpty() ? "" : f.formula() + " = ";
                factors.add(Notation.derivative(f.consumer(), f.from()) + " = " + formula
                        + Blackboard.number(f.value()));
            }
            boolean last = p == list.size() - 1;
            out.add(Json.object().put("nodes", ids).put("head", "path " + (p + 1) + ": " + route)
                    .put("factors", factors).put("product", "product = " + Blackboard.number(path.product()))
                    .put("running", last ? "Sum over the paths:  " + dodw + " = " + Blackboard.number(paths.sum())
                            + "   (backward: " + Blackboard.number(paths.backwardGradient()) + ")"
                            : "sum so far = " + Blackboard.number(running)));
        }
        return out;
    }

    /** A value short enough for a box: a number, or the shape. */
    private static String shortValue(Tensor t) {
        return t.size() == 1 ? Blackboard.number(t.item()) : t.shape().toString();
    }

    private static String resource(String name) {
        try (InputStream in = BackwardPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new ChainruleException("BackwardPage: missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ChainruleException("BackwardPage: cannot read resource " + name + ": " + e.getMessage(), e);
        }
    }

    /** Text for HTML: {@code & < > "} escaped. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
