package org.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.chainrule.examples.walkthrough.Walkthrough;
import org.chainrule.graph.trace.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalkthroughCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void listShowsEveryLessonWithItsNumber() {
        assertEquals(0, run("walkthrough", "--list"), err.toString());
        assertTrue(out.toString().contains(" 1  forward-pass"), out.toString());
        assertTrue(out.toString().contains(" 9  vanishing-gradients"), out.toString());
        assertEquals("", err.toString());
    }

    /** --list with a lesson used to list and ignore the lesson silently: now a usage error, in one line. */
    @Test
    void listWithALessonOrAnotherOptionIsAUsageError() {
        assertEquals(2, run("walkthrough", "--list", "two-paths"));
        String first = err.toString().lines().findFirst().orElse("");
        assertEquals("--list lists the lessons and takes no lesson or other option (got lesson 'two-paths'): drop --list"
                + " to run a lesson", first);
        assertTrue(out.toString().isEmpty(), out.toString());
        assertTrue(!err.toString().contains("\tat "), err.toString());
        assertEquals(2, run("walkthrough", "--list", "--markdown"));
        assertEquals(2, run("walkthrough", "--list", "x".repeat(5000)));
        assertTrue(err.toString().contains("'" + "x".repeat(40) + "...' (5000 characters)"), err.toString());
    }

    @Test
    void htmlWritesOneLessonsPageOrEveryPageWithAnIndex() throws IOException {
        Path one = dir.resolve("one");
        assertEquals(0, run("walkthrough", "4", "--html", one.toString()), err.toString());
        Path page = one.resolve("04-two-paths.html");
        assertTrue(out.toString().contains("wrote " + page), out.toString());
        String html = Files.readString(page);
        assertTrue(html.contains("id=\"mode-paths\"") && html.contains("\"running\":\"Delta(w) = 0.131359"), html);
        Path all = dir.resolve("all");
        assertEquals(0, run("walkthrough", "--html", all.toString()), err.toString());
        assertTrue(Files.readString(all.resolve("index.html")).contains("href=\"12-delta-recursion.html\""));
        try (var files = Files.list(all)) {
            assertEquals(Walkthrough.lessons().size() + 1, files.count());
        }
    }

    @Test
    void aLessonPrintsItsText() {
        assertEquals(0, run("walkthrough", "two-paths"), err.toString());
        assertEquals(Walkthrough.run("two-paths", Format.TEXT), out.toString());
    }

    @Test
    void markdownPrintsMarkdown() {
        assertEquals(0, run("walkthrough", "--markdown", "4"), err.toString());
        assertEquals(Walkthrough.run("two-paths", Format.MARKDOWN), out.toString());
    }

    @Test
    void anUnknownLessonExits2AndListsTheValidOnes() {
        assertEquals(2, run("walkthrough", "nope"));
        assertTrue(err.toString().contains("Unknown lesson: no lesson 'nope'"), err.toString());
        assertTrue(err.toString().contains("4 two-paths"), err.toString());
        assertTrue(err.toString().contains("Usage: chainrule walkthrough"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void noLessonExits2() {
        assertEquals(2, run("walkthrough"));
        assertTrue(err.toString().contains("Missing a lesson. Valid lessons: 1 forward-pass"), err.toString());
    }

    @Test
    void aBadOptionExits2() {
        assertEquals(2, run("walkthrough", "two-paths", "--dot"));
        assertTrue(err.toString().contains("Missing required parameter for option '--dot'"), err.toString());
    }

    @Test
    void dotWritesTheGraph() throws IOException {
        Path file = dir.resolve("two-paths.gv.txt");
        assertEquals(0, run("walkthrough", "two-paths", "--dot", file.toString()), err.toString());
        String dot = Files.readString(file);
        assertTrue(dot.startsWith("digraph"), dot);
        assertTrue(dot.contains("sigmoid"), dot);
        assertTrue(out.toString().endsWith("wrote " + file + System.lineSeparator()), out.toString());
    }

    @Test
    void svgWithoutGraphvizWritesTheDotAndSaysSoInOneLine() {
        Path svg = dir.resolve("lesson.svg");
        String before = System.getProperty("chainrule.dot");
        System.setProperty("chainrule.dot", dir.resolve("no-such-dot-program").toString());
        try {
            assertEquals(0, run("walkthrough", "two-paths", "--svg", svg.toString()), err.toString());
        } finally {
            if (before == null) {
                System.clearProperty("chainrule.dot");
            } else {
                System.setProperty("chainrule.dot", before);
            }
        }
        assertTrue(Files.exists(dir.resolve("lesson.dot")));
        assertTrue(!Files.exists(svg));
        String last = out.toString().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.startsWith("wrote " + dir.resolve("lesson.dot") + " instead of " + svg), last);
        assertTrue(last.contains("graphviz"), last);
    }

    @Test
    void svgWithGraphvizDrawsThePictureWhenDotIsInstalled() throws IOException {
        Path svg = dir.resolve("lesson.svg");
        assertEquals(0, run("walkthrough", "1", "--svg", svg.toString()), err.toString());
        if (new org.chainrule.graph.trace.GraphPicture().dotAvailable()) {
            assertTrue(Files.readString(svg).contains("<svg"), "no SVG drawn");
        } else {
            assertTrue(Files.exists(dir.resolve("lesson.dot")), "neither SVG nor DOT written");
        }
    }
}
