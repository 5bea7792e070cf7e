package org.chainrule.examples.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.chainrule.examples.walkthrough.LessonPages;
import org.chainrule.examples.walkthrough.Walkthrough;
import org.chainrule.graph.trace.BackwardTrace;
import org.chainrule.graph.trace.Format;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loads the walkthrough's pages in headless Chromium, steps through them with the arrow keys
 * and checks what the page shows at every step against the lesson's text trace; takes
 * screenshots at 1280x720 (projector) and 390x844 (phone) into
 * {@code target/walkthrough-screenshots}. Fails, never skips, when no browser starts.
 */
class LessonPageBrowserTest {
    private static final Path PAGES = Paths.get("target", "walkthrough-pages");
    private static final Path SHOTS = Paths.get("target", "walkthrough-screenshots");
    private static HeadlessChromium browser;

    @BeforeAll
    static void startBrowserAndWritePages() throws Exception {
        LessonPages.writeAll(PAGES);
        Files.createDirectories(SHOTS);
        browser = HeadlessChromium.start();
        browser.viewport(1280, 720);
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    private static String url(String lesson) {
        return PAGES.resolve(LessonPages.fileName(Walkthrough.find(lesson))).toAbsolutePath().toUri().toString();
    }

    private static String shown(String id) throws Exception {
        return browser.evaluate("document.getElementById('" + id + "').parentElement.hidden ? '' : "
                + "document.getElementById('" + id + "').textContent");
    }

    /** What one step shows: heading, local derivative, contribution, running sum, highlighted node. */
    private record Shown(String head, String local, String contribution, String running, String node, int edges) {
    }

    private static Shown current() throws Exception {
        return new Shown(browser.evaluate("document.getElementById('head').textContent"), shown("local"),
                shown("contribution"), shown("running"),
                browser.evaluate("(document.querySelector('.node.current text') || {textContent: ''}).textContent"),
                Integer.parseInt(browser.evaluate("document.querySelectorAll('.edge.current').length")));
    }

    private static int stepCount() throws Exception {
        String counter = browser.evaluate("document.getElementById('counter').textContent");
        return Integer.parseInt(counter.substring(counter.lastIndexOf(' ') + 1));
    }

    /** Steps through the backward pass with the right arrow and checks every step against the text trace. */
    private static List<Shown> stepThroughBackward(String lesson) throws Exception {
        Walkthrough.Recording recording = Walkthrough.record(lesson);
        BackwardTrace trace = recording.traces().get(0);
        String text = trace.render(Format.TEXT);
        browser.load(url(lesson));
        int steps = stepCount();
        long expected = 0;
        for (BackwardTrace.Step s : trace.steps()) {
            expected += s.isSeed() ? 1 : s.contributions().size();
        }
        assertEquals(expected, steps, lesson + ": one step per seed and per contribution");
        List<Shown> seen = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            Shown s = current();
            seen.add(s);
            assertTrue(text.contains("\n" + s.head() + "\n"), lesson + " step " + (i + 1) + ": " + s.head() + "\n"
                    + text);
            assertEquals(s.head().split(" ")[0], s.node(), "the highlighted node is the step's node");
            if (s.contribution().isEmpty()) {
                assertTrue(s.running().endsWith("(seed)"), s.toString());
                assertTrue(text.contains("  = " + s.running() + "\n"), s.running() + "\n" + text);
                assertEquals(0, s.edges());
            } else {
                assertEquals(1, s.edges(), "one edge highlighted: " + s);
                // the text trace may write a wide tensor row under row: compare with whitespace collapsed
                assertTrue(flat(text).contains(flat("+ " + s.contribution() + " [" + s.local() + "]")),
                        lesson + " step " + (i + 1) + ": " + s + "\n" + text);
                if (!s.running().contains("so far")) {
                    assertTrue(flat(text).contains(flat("= " + s.running())),
                            "the completed Delta is the trace's: " + s.running() + "\n" + text);
                }
            }
            browser.press("ArrowRight", 39);
        }
        Shown last = current();
        assertEquals(seen.get(steps - 1), last, "the right arrow stops at the last step");
        browser.press("ArrowLeft", 37);
        assertEquals(seen.get(steps - 2), current(), "the left arrow goes back one step");
        browser.press("Home", 36);
        assertEquals(seen.get(0), current(), "Home goes to the first step");
        return seen;
    }

    @Test
    void twoPathsStepsThroughBackwardThenOnePathAtATime() throws Exception {
        List<Shown> seen = stepThroughBackward("two-paths");
        // w is reached twice: a running sum, then the complete Delta(w) that the lesson prints
        assertTrue(seen.stream().anyMatch(s -> s.running().equals("Delta(w) so far = 0.208719")), seen.toString());
        assertTrue(seen.stream().anyMatch(s -> s.running().startsWith("Delta(w) = 0.131359")), seen.toString());
        assertTrue(seen.stream().anyMatch(s -> s.local().equals("dq/dz = 1 / z")), seen.toString());

        browser.evaluate("[...document.querySelectorAll('.node')].find(g => g.querySelector('text').textContent === 'q')"
                + ".dispatchEvent(new MouseEvent('click'))");
        assertEquals("q = log(z)  [1x1]\nvalue -0.474077\nDelta(q) = 0.552838", browser.evaluate(
                "document.getElementById('selected').textContent"), "a click shows the node's value and Delta");

        String text = Walkthrough.run("two-paths", Format.TEXT);
        browser.press("p", 80);
        assertEquals("path 1: w -> y -> p -> o", browser.evaluate("document.getElementById('head').textContent"));
        assertEquals("4", browser.evaluate("document.querySelectorAll('.node.onpath').length"));
        assertEquals("3", browser.evaluate("document.querySelectorAll('.edge.onpath').length"));
        for (String factor : shown("factors").split("\n")) {
            assertTrue(text.contains("    " + factor + "\n"), factor + "\n" + text);
        }
        assertTrue(text.contains("    " + shown("product") + "\n"), shown("product"));
        assertEquals("sum so far = -0.0773597", shown("running"));
        Path onePath = SHOTS.resolve("two-paths-path-1-1280x720.png");
        browser.screenshot(onePath);
        assertPng(onePath, 1280, 720);
        browser.press("ArrowRight", 39);
        assertEquals("path 2: w -> z -> q -> o", browser.evaluate("document.getElementById('head').textContent"));
        assertTrue(text.contains(shown("running").substring(0, shown("running").indexOf("   (backward"))),
                shown("running") + "\n" + text);

        browser.press("p", 80);
        browser.press("ArrowRight", 39);
        browser.press("ArrowRight", 39);
        browser.press("ArrowRight", 39);
        Path wide = SHOTS.resolve("two-paths-1280x720.png");
        browser.screenshot(wide);
        assertPng(wide, 1280, 720);
        browser.viewport(390, 844);
        assertEquals("390", browser.evaluate("document.documentElement.scrollWidth"), "no sideways scrolling");
        Path phone = SHOTS.resolve("two-paths-390x844.png");
        browser.screenshot(phone);
        assertPng(phone, 390, 844);
        browser.viewport(1280, 720);
    }

    @Test
    void forwardPassStepsThroughItsTensorsAsTheTextTraceWritesThem() throws Exception {
        List<Shown> seen = stepThroughBackward("forward-pass");
        assertTrue(seen.stream().anyMatch(s -> s.contribution().equals(
                "dh1/da1 * Delta(h1) = 3x1 [[0.0103346], [0.0328181], [0.00777777]]")), seen.toString());
        for (int i = 0; i < 6; i++) {
            browser.press("ArrowRight", 39);
        }
        Path wide = SHOTS.resolve("forward-pass-1280x720.png");
        browser.screenshot(wide);
        assertPng(wide, 1280, 720);
    }

    @Test
    void everyLessonPageLoadsAndStepsWithoutAScriptError() throws Exception {
        for (var lesson : Walkthrough.lessons()) {
            browser.load(url(lesson.name()));
            assertTrue(stepCount() >= 2, lesson.name());
            browser.press("End", 35);
            assertTrue(browser.evaluate("document.getElementById('counter').textContent").startsWith("step "
                    + stepCount() + " of"), lesson.name());
            assertTrue(Integer.parseInt(browser.evaluate("document.querySelectorAll('.node').length")) >= 3,
                    lesson.name());
        }
        browser.load(PAGES.resolve("index.html").toAbsolutePath().toUri().toString());
        assertEquals(Integer.toString(Walkthrough.lessons().size()),
                browser.evaluate("document.querySelectorAll('li a').length"));
        Path index = SHOTS.resolve("index-1280x720.png");
        browser.screenshot(index);
        assertPng(index, 1280, 720);
    }

    private static String flat(String text) {
        return text.replaceAll("\\s+", " ");
    }

    private static void assertPng(Path file, int width, int height) throws Exception {
        try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(in)) {
            byte[] signature = new byte[8];
            data.readFully(signature);
            assertEquals((byte) 0x89, signature[0]);
            data.readInt();
            data.readInt(); // IHDR
            assertEquals(width, data.readInt(), file.toString());
            assertEquals(height, data.readInt(), file.toString());
        }
    }
}
