package org.chainrule.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.chainrule.core.ChainruleException;
import org.chainrule.examples.walkthrough.Lesson;
import org.chainrule.examples.walkthrough.LessonPages;
import org.chainrule.examples.walkthrough.UnknownLessonException;
import org.chainrule.examples.walkthrough.Walkthrough;
import org.chainrule.graph.Graph;
import org.chainrule.graph.trace.Format;
import org.chainrule.graph.trace.GraphPicture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule walkthrough}: the worked examples of the notes, one lesson at a time, with
 * their backward traces and the notes' errata flagged. {@code --list} lists the lessons;
 * {@code --dot FILE} and {@code --svg FILE} also draw the lesson's graph; {@code --html DIR}
 * writes the lesson as an interactive page (without a lesson: every lesson and an index). A lesson that does
 * not exist is a usage error (status 2) that lists the valid ones.
 */
@Command(name = "walkthrough",
        mixinStandardHelpOptions = true,
        description = "Run a worked example of the notes: its traced backward pass and its numbers beside the notes'.")
public final class WalkthroughCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "LESSON",
            description = "A lesson's name or number (see --list), e.g. two-paths or 4.")
    private String lesson;

    @Option(names = "--list", description = "List the lessons and exit.")
    private boolean list;

    @Option(names = "--markdown", description = "Print the lesson as Markdown instead of plain text.")
    private boolean markdown;

    @Option(names = "--dot", paramLabel = "FILE", description = "Also write the lesson's graph as Graphviz DOT.")
    private Path dotFile;

    @Option(names = "--html", paramLabel = "DIR",
            description = "Write the lesson as an interactive web page into DIR (no LESSON: every lesson and an"
                    + " index.html). Self-contained: open it in any browser, no network needed.")
    private Path htmlDir;

    @Option(names = "--svg", paramLabel = "FILE",
            description = "Also draw the lesson's graph as SVG (needs Graphviz's dot, or the one named by -Dchainrule.dot; without it the .dot is written).")
    private Path svgFile;

    /** Creates the command; picocli calls this. */
    public WalkthroughCommand() {
    }

    /**
     * Lists the lessons, or runs one and writes its pictures.
     *
     * @return 0.
     * @throws ParameterException (status 2) for a missing or unknown lesson, or {@code --list}
     *     with a lesson or another option.
     * @throws ChainruleException (status 1) if a picture cannot be written.
     */
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (list && (lesson != null || markdown || dotFile != null || htmlDir != null || svgFile != null)) {
            throw new ParameterException(spec.commandLine(), "--list lists the lessons and takes no lesson or other"
                    + " option" + (lesson != null ? " (got lesson " + shown(lesson) + ")" : "")
                    + ": drop --list to run a lesson");
        }
        if (list) {
            for (Lesson l : Walkthrough.lessons()) {
                out.printf("%2d  %-22s %s%n", l.number(), l.name(), l.title());
            }
            return 0;
        }
        if (lesson == null && htmlDir != null) {
            List<Path> files = LessonPages.writeAll(htmlDir);
            out.println("wrote " + files.size() + " pages into " + htmlDir + ": open " + files.get(0));
            out.flush();
            return 0;
        }
        if (lesson == null) {
            throw new ParameterException(spec.commandLine(),
                    "Missing a lesson. Valid lessons: " + Walkthrough.validNames());
        }
        String name;
        try {
            name = Walkthrough.find(lesson).name();
        } catch (UnknownLessonException e) {
            throw new ParameterException(spec.commandLine(), "Unknown lesson: " + e.getMessage());
        }
        out.print(Walkthrough.run(name, markdown ? Format.MARKDOWN : Format.TEXT));
        if (htmlDir != null) {
            out.println("wrote " + LessonPages.writeLesson(name, htmlDir));
        }
        if (dotFile != null || svgFile != null) {
            Graph graph = Walkthrough.graph(name);
            if (dotFile != null) {
                writeDot(graph, dotFile);
                out.println("wrote " + dotFile);
            }
            if (svgFile != null) {
                out.println(new GraphPicture().export(graph, svgFile).message());
            }
        }
        out.flush();
        return 0;
    }

    /** An argument as echoed in a message: at most 40 characters. */
    private static String shown(String argument) {
        return argument.length() <= 40 ? "'" + argument + "'" : "'" + argument.substring(0, 40) + "...' ("
                + argument.length() + " characters)";
    }

    /** Writes DOT text to any file name (GraphPicture.export would insist on a .dot extension). */
    private static void writeDot(Graph graph, Path file) {
        try {
            Files.writeString(file, GraphPicture.toDot(graph), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ChainruleException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
