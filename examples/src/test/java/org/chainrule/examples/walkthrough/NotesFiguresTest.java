package org.chainrule.examples.walkthrough;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.chainrule.graph.trace.Format;
import org.junit.jupiter.api.Test;

/**
 * Pins every figure the lessons quote to what the notes print (SEED-NOTES.md, section 7),
 * written out here a second time by hand: lesson, line, printed figure, kind.
 */
class NotesFiguresTest {
    /** One quoted line: lesson, the line's label, the figure the notes print, its kind. */
    private record Quoted(String lesson, String what, String printed, String kind) {
    }

    private static final List<Quoted> EXPECTED = List.of(
            new Quoted("forward-pass", "a1[1] pre-activation", "0.52", "agrees"),
            new Quoted("forward-pass", "h1[1] = sigmoid(a1[1])", "0.62", "rounding"),
            new Quoted("forward-pass", "a1[2] pre-activation", "0.55", "erratum"),
            new Quoted("forward-pass", "h1[2] = sigmoid(a1[2])", "0.63", "erratum"),
            new Quoted("forward-pass", "a1[3] pre-activation", "1.22", "agrees"),
            new Quoted("forward-pass", "h1[3] = sigmoid(a1[3])", "0.77", "rounding"),
            new Quoted("forward-pass", "a2 output pre-activation", "0.756", "erratum"),
            new Quoted("forward-pass", "y output", "0.68", "erratum"),
            new Quoted("softmax", "t1 = e^6", "403.4", "rounding"),
            new Quoted("softmax", "t2 = e^-2", "0.135", "rounding"),
            new Quoted("softmax", "t3 = e^3", "20.0", "rounding"),
            new Quoted("softmax", "sum of t", "423.5", "rounding"),
            new Quoted("softmax", "p1", "0.952", "rounding"),
            new Quoted("softmax", "p2", "0.00037", "erratum"),
            new Quoted("softmax", "p3", "0.048", "rounding"),
            new Quoted("softmax", "L<1,0,0> = -ln p1", "-0.021", "erratum"),
            new Quoted("softmax", "L<0,0,1> = -ln p3", "1.31", "erratum"),
            new Quoted("softmax-small", "sum of exponentials", "8", "rounding"),
            new Quoted("softmax-small", "p1", "0.1", "rounding"),
            new Quoted("softmax-small", "p2", "0.2", "rounding"),
            new Quoted("softmax-small", "p3", "0.7", "rounding"),
            new Quoted("softmax-numpy", "p1", "1.04274135e-01", "agrees"),
            new Quoted("softmax-numpy", "p2", "8.95178684e-01", "agrees"),
            new Quoted("softmax-numpy", "p3", "5.47180443e-04", "agrees"),
            new Quoted("softmax-numpy", "L = -ln p1", "2.2607319332115297", "agrees"),
            new Quoted("softmax-numpy", "dL/ds1 = p1 - 1", "-8.95725865e-01", "agrees"),
            new Quoted("softmax-numpy", "dL/ds2 = p2", "8.95178684e-01", "agrees"),
            new Quoted("softmax-numpy", "dL/ds3 = p3", "5.47180443e-04", "agrees"),
            new Quoted("playground", "test loss", "0.500", "behaviour"),
            new Quoted("playground", "training loss", "0.499", "behaviour"),
            new Quoted("playground", "test loss", "0.030", "behaviour"),
            new Quoted("playground", "training loss", "0.010", "behaviour"));

    @Test
    void everyLessonQuotesWhatTheNotesPrintWithItsKind() {
        for (Quoted q : EXPECTED) {
            String text = Walkthrough.run(q.lesson(), Format.TEXT);
            String line = text.lines().filter(l -> l.startsWith("  " + q.what() + " ") && l.contains(" notes: " + q.printed() + " "))
                    .findFirst().orElse(null);
            if (line == null) {
                fail(q.lesson() + " has no notes line for " + q.what() + ":\n" + text);
            }
            assertTrue(line.contains(" notes: " + q.printed() + " "), line);
            String verdict = line.substring(line.indexOf(" notes: " + q.printed()) + 8 + q.printed().length()).strip();
            assertTrue(verdict.startsWith(q.kind()), q.kind() + " expected: " + line);
            assertFalse(line.contains(Page.DIFFERS), line);
        }
    }

    @Test
    void everyFigureInTheTableIsPinnedHere() {
        assertEquals(NotesFigures.ALL.size(), EXPECTED.size());
    }

    @Test
    void everyFigureInTheTableIsQuotedByALesson() {
        Set<String> printedByLessons = new HashSet<>();
        for (Lesson lesson : Walkthrough.lessons()) {
            Walkthrough.run(lesson.name(), Format.TEXT).lines().filter(l -> l.contains(" notes: "))
                    .forEach(l -> printedByLessons.add(l.substring(l.indexOf(" notes: ") + 8).split(" ")[0]));
        }
        for (NotesFigures.Figure f : NotesFigures.ALL) {
            assertTrue(printedByLessons.contains(f.printed()), "no lesson quotes " + f);
        }
    }

    @Test
    void theTablesKindsFitItsCorrectValues() {
        for (NotesFigures.Figure f : NotesFigures.ALL) {
            if (f.kind() != NotesFigures.Kind.BEHAVIOUR) {
                assertTrue(NotesFigures.kindFits(f, Double.parseDouble(f.correct())), f.toString());
            }
            assertFalse(f.notes().isBlank() || f.where().isBlank(), f.toString());
            assertEquals(f.kind() == NotesFigures.Kind.AGREES, f.cause().isEmpty(), f.toString());
        }
    }

    @Test
    void kindsAreTold() {
        NotesFigures.Figure truncated = NotesFigures.get("h1[1]");
        assertTrue(NotesFigures.kindFits(truncated, 0.627148));
        assertFalse(NotesFigures.kindFits(NotesFigures.get("a1[1]"), 0.53), "0.53 does not agree with 0.52");
        assertFalse(NotesFigures.kindFits(NotesFigures.get("h1[3]"), 0.79), "0.77 is no rounding of 0.79");
        assertFalse(NotesFigures.kindFits(NotesFigures.get("y"), 0.6805), "0.68 is no erratum of 0.6805");
        // An erratum explained by the notes' arithmetic must be explained by it.
        NotesFigures.Figure wrongCause = new NotesFigures.Figure("x", "A", "w", "0.63", "0.549834",
                NotesFigures.Kind.ERRATUM, "carried", 0.70);
        assertFalse(NotesFigures.kindFits(wrongCause, 0.549834));
        assertTrue(NotesFigures.kindFits(NotesFigures.get("sum t"), 423.650), "rounded from rounded terms");
    }
}
