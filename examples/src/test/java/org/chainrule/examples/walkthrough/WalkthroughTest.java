package org.chainrule.examples.walkthrough;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.chainrule.core.ChainruleException;
import org.chainrule.graph.Graph;
import org.chainrule.graph.trace.Format;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class WalkthroughTest {
    private static final List<String> NAMES = List.of("forward-pass", "softmax", "softmax-small", "two-paths",
            "network-2-3-2", "vectorised", "jacobian", "softmax-cross-entropy", "vanishing-gradients", "softmax-numpy",
            "playground", "delta-recursion");

    @Test
    void listsTheTwelveLessonsInOrder() {
        List<Lesson> lessons = Walkthrough.lessons();
        assertEquals(NAMES, lessons.stream().map(Lesson::name).toList());
        for (int i = 0; i < lessons.size(); i++) {
            assertEquals(i + 1, lessons.get(i).number());
            assertFalse(lessons.get(i).title().isBlank());
        }
    }

    @Test
    void numbersAndAnyCaseNameTheSameLesson() {
        assertEquals("two-paths", Walkthrough.find("4").name());
        assertEquals("two-paths", Walkthrough.find("Two-Paths").name());
        assertEquals(Walkthrough.run("4", Format.TEXT), Walkthrough.run("two-paths", Format.TEXT));
    }

    @Test
    void anUnknownLessonListsTheValidNames() {
        ChainruleException e = assertThrows(UnknownLessonException.class, () -> Walkthrough.run("nope", Format.TEXT));
        assertTrue(e.getMessage().contains("no lesson 'nope'"), e.getMessage());
        for (String name : NAMES) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
        assertThrows(UnknownLessonException.class, () -> Walkthrough.graph("13"));
    }

    @Test
    void noLessonFailsACheckInEitherFormat() {
        for (String name : NAMES) {
            for (Format format : Format.values()) {
                String text = Walkthrough.run(name, format);
                assertFalse(text.contains(Page.DIFFERS), name + " " + format + ":\n" + text);
                assertTrue(text.contains("Backward pass from"), name);
            }
        }
    }

    @Test
    void lessonsReadLikeABlackboard() {
        java.util.regex.Pattern internalId = java.util.regex.Pattern.compile("#[0-9]");
        java.util.regex.Pattern negativeZero = java.util.regex.Pattern.compile("(^|[^0-9.e])-0(?![.0-9e])");
        java.util.regex.Pattern singularPlural = java.util.regex.Pattern.compile("(^|[^0-9.,])1 (addition|multiplication"
                + "|product|path|node|edge|contribution|step)s\\b");
        for (Lesson lesson : Walkthrough.lessons()) {
            String text = Walkthrough.run(lesson.name(), Format.TEXT);
            text.lines().forEach(line -> {
                assertTrue(line.length() <= 100, lesson.name() + ": " + line.length() + " columns: " + line);
                assertFalse(internalId.matcher(line).find(), lesson.name() + ": " + line);
                assertFalse(negativeZero.matcher(line).find(), lesson.name() + ": " + line);
                assertFalse(singularPlural.matcher(line).find(), lesson.name() + ": " + line);
            });
            for (org.chainrule.graph.Node node : Walkthrough.graph(lesson.name()).nodes()) {
                assertTrue(node.name() != null, lesson.name() + ": unnamed node " + node.label());
            }
        }
    }

    @Test
    void everyLessonHasAGraphWithGradients() {
        for (String name : NAMES) {
            Graph g = Walkthrough.graph(name);
            assertTrue(g.size() > 3, name);
            assertTrue(g.backwardPasses() >= 1, name);
        }
    }

    @Test
    void theCarriedSlipIsReproduced() {
        String forward = Walkthrough.run("forward-pass", Format.TEXT);
        assertTrue(forward.replace("\n", " ").contains("gives y = 0.681424"), forward);
        assertTrue(Walkthrough.run("two-paths", Format.TEXT).contains("(2 paths)"));
    }

    @Test
    void markdownHasHeadingsAndTables() {
        String md = Walkthrough.run("network-2-3-2", Format.MARKDOWN);
        assertTrue(md.startsWith("## Lesson 5: "), md);
        assertTrue(md.contains("| derivative | closed form | graph | equal to 1e-12 |"), md);
        assertTrue(md.contains("| node h | value |"), md);
    }

    @Test
    void aCheckOnlyPassesWhenTheNotesAgree() {
        assertTrue(Page.agrees(0.6703441, "0.670344"));
        assertTrue(Page.agrees(7.99511, "8"));
        assertFalse(Page.agrees(0.670344, "0.68"));
        assertFalse(Page.agrees(0.000319451, "0.00037"));
        Page page = new Page(Format.TEXT);
        page.quote("y", 0.670344, "y");
        assertFalse(page.toString().contains(Page.DIFFERS), page.toString());
        page.quote("y", 0.6805, "y"); // the notes' value where Chainrule's should be
        page.quote("a1[1]", 0.53, "a1[1]"); // "agrees" with a value that does not
        page.check("a failing check", false);
        assertEquals(2, page.toString().split(Page.DIFFERS, -1).length - 2, page.toString());
        assertTrue(page.toString().contains("a failing check: no   " + Page.DIFFERS), page.toString());
    }

    @Test
    void theGoldenComparisonNamesTheFirstDifferingLine() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> WalkthroughGoldenTest.assertSameText("x", "a\nb\nc\n", "a\nB\nc\n"));
        assertTrue(e.getMessage().contains("differs at line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("expected: b"), e.getMessage());
        assertThrows(AssertionFailedError.class, () -> WalkthroughGoldenTest.assertSameText("x", "a\n", "a\nb\n"));
    }
}
