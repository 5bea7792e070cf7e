package org.chainrule.examples.walkthrough;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.chainrule.core.ChainruleException;
import org.chainrule.graph.trace.BackwardPage;

/**
 * The lessons as interactive web pages ({@link BackwardPage}): one self-contained page per
 * lesson, drawn from the same trace the text lesson prints, and an index page linking them.
 */
public final class LessonPages {
    private LessonPages() {
    }

    /**
     * The file name of a lesson's page, e.g. {@code 04-two-paths.html}.
     *
     * @param lesson the lesson.
     * @return the name.
     */
    public static String fileName(Lesson lesson) {
        return String.format(Locale.ROOT, "%02d-%s.html", lesson.number(), lesson.name());
    }

    /**
     * The page of one lesson, for its first backward trace (and its path sum, if it shows one).
     *
     * @param recording the lesson, run once.
     * @param withIndex whether to link back to {@code index.html}.
     * @return the page.
     */
    public static BackwardPage page(Walkthrough.Recording recording, boolean withIndex) {
        Lesson lesson = recording.lesson();
        BackwardPage page = BackwardPage.of(recording.traces().get(0))
                .titled("Lesson " + lesson.number() + ": " + lesson.title())
                .withText(recording.text());
        if (!recording.pathSums().isEmpty()) {
            page = page.withPaths(recording.pathSums().get(0));
        }
        return withIndex ? page.linkingBackTo("index.html") : page;
    }

    /**
     * Writes one lesson's page into a directory (created if missing).
     *
     * @param name a lesson's name or number.
     * @param dir the directory.
     * @return the page's file.
     * @throws UnknownLessonException if there is no such lesson.
     * @throws ChainruleException if the directory or file cannot be written.
     */
    public static Path writeLesson(String name, Path dir) {
        Walkthrough.Recording recording = Walkthrough.record(name);
        createDirectories(dir);
        return page(recording, false).writeTo(dir.resolve(fileName(recording.lesson())));
    }

    /**
     * Writes every lesson's page and {@code index.html} into a directory (created if missing).
     *
     * @param dir the directory.
     * @return the files written, the index first.
     * @throws ChainruleException if the directory or a file cannot be written.
     */
    public static List<Path> writeAll(Path dir) {
        createDirectories(dir);
        List<Path> files = new ArrayList<>();
        StringBuilder items = new StringBuilder();
        for (Lesson lesson : Walkthrough.lessons()) {
            Walkthrough.Recording recording = Walkthrough.record(lesson.name());
            files.add(page(recording, true).writeTo(dir.resolve(fileName(lesson))));
            items.append("<li><a href=\"").append(fileName(lesson)).append("\"><span>").append(lesson.number())
                    .append("</span> ").append(escape(lesson.title())).append("</a></li>\n");
        }
        Path index = dir.resolve("index.html");
        String html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>Chainrule walkthrough</title>\n<style>\n"
                + "body { margin: 0; font: 19px/1.45 system-ui, sans-serif; color: #1d2330; background: #f6f7fb; }\n"
                + "header { padding: 14px 20px; background: #1d2330; color: #fff; }\n"
                + "h1 { margin: 0; font-size: 24px; } header p { margin: 4px 0 0; color: #c9cfdd; font-size: 16px; }\n"
                + "ol { list-style: none; margin: 0 auto; padding: 16px 20px; max-width: 1000px; }\n"
                + "li a { display: block; padding: 12px 14px; margin: 8px 0; background: #fff; border: 1px solid"
                + " #d7dbe6; border-radius: 8px; color: inherit; text-decoration: none; }\n"
                + "li a:hover { border-color: #2b5bd7; }\n"
                + "li span { display: inline-block; min-width: 2em; font-weight: 700; color: #2b5bd7; }\n"
                + "</style>\n</head>\n<body>\n<header>\n<h1>Chainrule walkthrough: the chain rule, step by step</h1>\n"
                + "<p>Each lesson records a graph and steps through its backward pass, edge by edge: the local"
                + " derivative, the contribution, and the running sum Delta(h).</p>\n</header>\n<ol>\n"
                + items + "</ol>\n</body>\n</html>\n";
        try {
            Files.writeString(index, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ChainruleException("cannot write " + index + ": " + e.getMessage(), e);
        }
        files.add(0, index);
        return files;
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ChainruleException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
