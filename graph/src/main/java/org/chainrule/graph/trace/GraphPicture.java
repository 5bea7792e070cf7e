package org.chainrule.graph.trace;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.chainrule.core.ChainruleException;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;

/**
 * Pictures of a graph: Graphviz DOT text, and SVG or PNG drawn by Graphviz's {@code dot}
 * program when it is installed.
 *
 * <p>Each node is a box with its operation (or leaf kind), name, shape, value (in full when
 * small, else shape and norm) and, once a backward pass has run, its gradient in red.
 * Edges point forward, from an argument to the node computed from it. An edge that carries a
 * gradient back is drawn as a black-and-red lane with an open arrow at the argument's end and
 * the local derivative {@code dh'/dh} written on it in red, so the backward flow reads from
 * the output up. Parameters are yellow, inputs blue, constants grey.
 *
 * <p>Writing DOT is a single loop over the recorded nodes, so graphs of any size can be
 * exported; {@code dot} is only run on graphs of at most {@link #DEFAULT_LAYOUT_LIMIT} nodes
 * (or the limit given), since a bigger layout takes long and is unreadable anyway.
 */
public final class GraphPicture {
    /** Graphs with more nodes than this are exported as DOT only, not laid out. */
    public static final int DEFAULT_LAYOUT_LIMIT = 2_000;
    /** How long {@code dot} may take for one picture. */
    private static final long DOT_TIMEOUT_SECONDS = 120;
    private static final String GRADIENT_COLOR = "#c0392b";

    private final String dotCommand;
    private final int layoutLimit;
    private final String title;

    /**
     * What an export wrote, and a one-line message for the user.
     *
     * @param files the files written, the DOT file (when one was asked for or needed) first.
     * @param message one line saying what was written, or why no picture was drawn and how to draw it.
     */
    public record Rendering(List<Path> files, String message) {
        /**
         * Freezes the file list.
         *
         * @throws org.chainrule.core.ChainruleException if a component is null.
         */
        public Rendering {
            files = List.copyOf(files);
            ChainruleException.requireNonNull(message, "GraphPicture: message");
        }
    }

    /**
     * A picture maker using the {@code dot} command named by the system property
     * {@code chainrule.dot}, or {@code dot} from the PATH.
     */
    public GraphPicture() {
        this(System.getProperty("chainrule.dot", "dot"), DEFAULT_LAYOUT_LIMIT);
    }

    /**
     * A picture maker using a given {@code dot} command.
     *
     * @param dotCommand the program to run, e.g. {@code dot} or {@code /usr/bin/dot}.
     * @param layoutLimit the most nodes a graph may have for {@code dot} to lay it out, at least 1.
     */
    public GraphPicture(String dotCommand, int layoutLimit) {
        this(dotCommand, layoutLimit, "");
    }

    private GraphPicture(String dotCommand, int layoutLimit, String title) {
        this.dotCommand = ChainruleException.requireNonNull(dotCommand, "GraphPicture: dotCommand");
        if (layoutLimit < 1) {
            throw new ChainruleException("GraphPicture: the layout limit must be at least 1, got " + layoutLimit);
        }
        this.layoutLimit = layoutLimit;
        this.title = ChainruleException.requireNonNull(title, "GraphPicture: title");
    }

    /**
     * The same picture maker, writing a title at the top of every picture, e.g. to say whether
     * a network's values are from before or after training.
     *
     * @param newTitle one line of text.
     * @return a new picture maker.
     */
    public GraphPicture titled(String newTitle) {
        return new GraphPicture(dotCommand, layoutLimit, newTitle);
    }

    // ---- DOT ----

    /**
     * The graph as Graphviz DOT text.
     *
     * @param graph the graph.
     * @return the DOT source.
     */
    public static String toDot(Graph graph) {
        StringBuilder sb = new StringBuilder();
        try {
            writeDot(graph, sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return sb.toString();
    }

    /**
     * Writes the graph as Graphviz DOT, one node at a time (no recursion, no whole-graph
     * string), so any size of graph can be written.
     *
     * @param graph the graph.
     * @param out where the DOT goes. Modified (appended to).
     * @throws IOException if {@code out} fails.
     * @throws ChainruleException if {@code graph} or {@code out} is null.
     */
    public static void writeDot(Graph graph, Appendable out) throws IOException {
        ChainruleException.requireNonNull(graph, "GraphPicture: graph");
        ChainruleException.requireNonNull(out, "GraphPicture: out");
        writeDot(graph, "", out);
    }

    private static void writeDot(Graph graph, String title, Appendable out) throws IOException {
        boolean gradients = graph.backwardPasses() > 0;
        boolean recordedBackward = graph.nodes().stream().anyMatch(Node::isBackward);
        out.append("digraph chainrule {\n");
        out.append("  graph [rankdir=TB, fontname=\"Helvetica\", fontsize=10, labelloc=")
                .append(title.isEmpty() ? "b" : "t").append(", label=\"")
                .append(title.isEmpty() ? "" : escape(title) + "\\n")
                .append("black arrows: values flow forward.  red lanes: gradients flow back,"
                        + " labelled with the local derivative dh'/dh; red text: the gradient dL/dh")
                .append(recordedBackward ? "\\ndashed pink boxes: the backward pass recorded as a graph"
                        + " (Graph.gradients), whose nodes can be differentiated again" : "").append("\"];\n");
        out.append("  node [shape=box, style=\"rounded,filled\", fillcolor=white, fontname=\"Helvetica\","
                + " fontsize=10];\n");
        out.append("  edge [fontname=\"Helvetica\", fontsize=9];\n");
        for (Node node : graph.nodes()) {
            out.append("  n").append(Integer.toString(node.id())).append(" [label=<").append(label(node, gradients))
                    .append(">").append(fill(node)).append("];\n");
            List<Node> inputs = node.inputs();
            for (int k = 0; k < inputs.size(); k++) {
                Node input = inputs.get(k);
                out.append("  n").append(Integer.toString(input.id())).append(" -> n")
                        .append(Integer.toString(node.id()));
                if (input.requiresGradient()) {
                    String formula = Notation.formula(node, k);
                    out.append(" [dir=both, arrowtail=empty, color=\"black:").append(GRADIENT_COLOR).append("\"");
                    if (!formula.isEmpty()) {
                        out.append(", label=<<font color=\"").append(GRADIENT_COLOR).append("\">")
                                .append(html(formula)).append("</font>>");
                    }
                    out.append("]");
                }
                out.append(";\n");
            }
        }
        out.append("}\n");
    }

    private static String label(Node node, boolean gradients) {
        String what = node.operation() != null ? node.operation().name()
                : node.kind().name().toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder("<b>").append(html(what)).append("</b>");
        if (node.name() != null) {
            sb.append("  ").append(html(node.name()));
        }
        sb.append("  ").append(node.shape()).append("<br/>");
        List<String> value = Notation.tensorLines(node.value());
        for (String line : value) {
            sb.append(html(line)).append("<br/>");
        }
        if (gradients && node.requiresGradient()) {
            List<String> gradient = Notation.tensorLines(node.gradient());
            sb.append("<font color=\"").append(GRADIENT_COLOR).append("\">");
            for (int i = 0; i < gradient.size(); i++) {
                sb.append(i == 0 ? "grad " : "<br/>").append(html(gradient.get(i)));
            }
            sb.append("</font>");
        }
        return sb.toString();
    }

    private static String fill(Node node) {
        if (node.isBackward()) {
            return ", style=\"rounded,filled,dashed\", fillcolor=\"#f8cecc\"";
        }
        switch (node.kind()) {
            case PARAMETER:
                return ", fillcolor=\"#fff2cc\"";
            case INPUT:
                return ", fillcolor=\"#dae8fc\"";
            case CONSTANT:
                return ", fillcolor=\"#eeeeee\"";
            default:
                return "";
        }
    }

    /** Escapes text for a Graphviz HTML-like label. */
    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    // ---- files and pictures ----

    /**
     * Exports the graph to a file whose extension picks the format:
     * <ul>
     *   <li>{@code .dot} or {@code .gv}: writes the DOT file and, when {@code dot} can be
     *       run, also an {@code .svg} and a {@code .png} beside it;</li>
     *   <li>{@code .svg}, {@code .png} or {@code .pdf}: draws the picture with {@code dot};
     *       when {@code dot} cannot be run, writes the DOT file beside it instead.</li>
     * </ul>
     * When {@code dot} is missing, or the graph is too big to lay out, the message says so in
     * one line and how to draw the picture (on Debian: {@code apt-get install graphviz}).
     *
     * @param graph the graph.
     * @param file where to write; parent directories must exist.
     * @return the files written and a one-line message.
     * @throws ChainruleException if the extension is none of these, writing fails, or
     *     {@code dot} runs but fails.
     */
    public Rendering export(Graph graph, Path file) {
        ChainruleException.requireNonNull(graph, "GraphPicture: graph");
        String extension = extension(file);
        switch (extension) {
            case "dot":
            case "gv":
                return exportDot(graph, file);
            case "svg":
            case "png":
            case "pdf":
                return exportPicture(graph, file, extension);
            default:
                throw new ChainruleException("GraphPicture: cannot tell the format of '" + file
                        + "': name the file .dot, .gv, .svg, .png or .pdf");
        }
    }

    private Rendering exportDot(Graph graph, Path dotFile) {
        writeDotFile(graph, dotFile);
        List<Path> files = new ArrayList<>(List.of(dotFile));
        if (graph.size() > layoutLimit) {
            return new Rendering(files, "wrote " + dotFile + "; " + tooBig(graph));
        }
        for (String format : List.of("svg", "png")) {
            Path picture = sibling(dotFile, format);
            if (!runDot(dotFile, format, picture)) {
                return new Rendering(files, "wrote " + dotFile + "; " + noDot(dotFile, sibling(dotFile, "svg")));
            }
            files.add(picture);
        }
        return new Rendering(files, "wrote " + join(files));
    }

    private Rendering exportPicture(Graph graph, Path picture, String format) {
        Path dotFile = sibling(picture, "dot");
        if (graph.size() > layoutLimit) {
            writeDotFile(graph, dotFile);
            return new Rendering(List.of(dotFile), "wrote " + dotFile + " instead of " + picture + "; "
                    + tooBig(graph));
        }
        Path temporary;
        try {
            temporary = Files.createTempFile("chainrule-graph", ".dot");
        } catch (IOException e) {
            throw new ChainruleException("GraphPicture: cannot create a temporary DOT file: " + e.getMessage(), e);
        }
        try {
            writeDotFile(graph, temporary);
            if (runDot(temporary, format, picture)) {
                return new Rendering(List.of(picture), "wrote " + picture);
            }
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // a leftover temporary file is harmless; the picture's outcome is what matters
            }
        }
        writeDotFile(graph, dotFile);
        return new Rendering(List.of(dotFile), "wrote " + dotFile + " instead of " + picture + "; "
                + noDot(dotFile, picture));
    }

    /**
     * Whether the {@code dot} command can be run ({@code dot -V} succeeds).
     *
     * @return true if Graphviz is installed where this picture maker looks for it.
     */
    public boolean dotAvailable() {
        try {
            Process process = new ProcessBuilder(dotCommand, "-V").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(DOT_TIMEOUT_SECONDS, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs {@code dot -T<format> -o picture dotFile}.
     *
     * @return false if the command cannot be started (not installed), true once it succeeded.
     * @throws ChainruleException if dot ran and failed or timed out.
     */
    private boolean runDot(Path dotFile, String format, Path picture) {
        Path log;
        try {
            log = Files.createTempFile("chainrule-dot", ".log");
        } catch (IOException e) {
            throw new ChainruleException("GraphPicture: cannot create a temporary file: " + e.getMessage(), e);
        }
        try {
            Process process;
            try {
                process = new ProcessBuilder(dotCommand, "-T" + format, "-o", picture.toString(), dotFile.toString())
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            } catch (IOException notInstalled) {
                return false;
            }
            if (!process.waitFor(DOT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new ChainruleException("GraphPicture: " + dotCommand + " took more than " + DOT_TIMEOUT_SECONDS
                        + " s to draw " + picture + "; try a smaller graph, or run dot yourself on " + dotFile);
            }
            if (process.exitValue() != 0) {
                String said = Files.readString(log, StandardCharsets.UTF_8).strip();
                throw new ChainruleException("GraphPicture: " + dotCommand + " failed to draw " + picture + " (exit "
                        + process.exitValue() + "): " + said);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainruleException("GraphPicture: interrupted while " + dotCommand + " drew " + picture, e);
        } catch (IOException e) {
            throw new ChainruleException("GraphPicture: cannot read what " + dotCommand + " said: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                // a leftover log file is harmless
            }
        }
    }

    private void writeDotFile(Graph graph, Path file) {
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeDot(graph, title, writer);
        } catch (IOException e) {
            throw new ChainruleException("GraphPicture: cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private String noDot(Path dotFile, Path picture) {
        String format = extension(picture);
        return "Graphviz's '" + dotCommand + "' was not found, so no picture was drawn: install Graphviz"
                + " (Debian: apt-get install graphviz) and run: dot -T" + format + " " + dotFile + " -o " + picture;
    }

    private String tooBig(Graph graph) {
        return "the graph has " + Notation.count(graph.size()) + " nodes, more than the " + Notation.count(layoutLimit)
                + " that dot lays out readably, so no picture was drawn";
    }

    private static String extension(Path file) {
        String name = ChainruleException.requireNonNull(file, "GraphPicture: file").getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static Path sibling(Path file, String extension) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling((dot < 0 ? name : name.substring(0, dot)) + "." + extension);
    }

    private static String join(List<Path> files) {
        List<String> names = new ArrayList<>();
        for (Path f : files) {
            names.add(f.toString());
        }
        return String.join(", ", names);
    }
}
