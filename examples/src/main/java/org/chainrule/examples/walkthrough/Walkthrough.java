package org.chainrule.examples.walkthrough;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.chainrule.core.ChainruleException;
import org.chainrule.graph.Graph;
import org.chainrule.graph.trace.BackwardTrace;
import org.chainrule.graph.trace.Format;
import org.chainrule.graph.trace.PathSum;

/**
 * Every worked example of the lecture notes (SEED-NOTES.md), rebuilt with Chainrule: each
 * lesson records its graph, runs a traced backward pass, and prints its numbers beside the
 * numbers the notes give, flagging the notes' errata. Output is deterministic (fixed seeds,
 * {@link Locale#ROOT} formatting), so it can be pinned by golden files and pasted into course
 * notes.
 *
 * <p>A lesson is named by its short name ({@code forward-pass}) or its number ({@code 1}).
 */
public final class Walkthrough {
    /** A lesson and the code that teaches it: writes onto the page, returns its graph. */
    private record Entry(Lesson lesson, Function<Page, Graph> body) {
    }

    private static final List<Entry> ENTRIES = List.of(
            entry(1, "forward-pass", "Forward pass of the 3-input sigmoid network (notes A/B)", ForwardPass::teach),
            entry(2, "softmax", "Softmax of [6, -2, 3] and its cross-entropy, natural log (notes A)", SoftmaxBig::teach),
            entry(3, "softmax-small", "Softmax of [-0.21, 0.47, 1.72] (notes E)", SoftmaxSmall::teach),
            entry(4, "two-paths", "Two paths from w to o = K(p, q): path sum against backward (notes D)",
                    TwoPaths::teach),
            entry(5, "network-2-3-2", "The 2-3-2 sigmoid network with L2 loss: closed forms against the graph (notes E)",
                    Network232::teach),
            entry(6, "vectorised", "Vectorised two-layer backprop, examples as columns, sigmoid and tanh (notes A/B)",
                    Vectorised::teach),
            entry(7, "jacobian", "Fully connected layer: explicit 4x20 Jacobian against vector-Jacobian (notes C)",
                    JacobianRoute::teach),
            entry(8, "softmax-cross-entropy", "Softmax plus cross-entropy: the gradient of the scores is p - y (notes C)",
                    SoftmaxCrossEntropyLesson::teach),
            entry(9, "vanishing-gradients", "Vanishing gradients: per-layer gradient norms, 10 sigmoid vs relu layers",
                    VanishingGradients::teach),
            entry(10, "softmax-numpy", "Softmax and cross-entropy of [3.15, 5.3, -2.1] against <1,0,0>, in NumPy"
                    + " (notes C)", SoftmaxNumpy::teach),
            entry(11, "playground", "The playground runs: one sigmoid neuron against a 6-1 network on the circle"
                    + " set (notes B)", PlaygroundRuns::teach),
            entry(12, "delta-recursion", "Pre-activation deltas delta(h_r) = Phi'(a_r) sum w delta, and the"
                    + " missing prime (notes D)", DeltaRecursion::teach));

    private Walkthrough() {
    }

    private static Entry entry(int number, String name, String title, Function<Page, Graph> body) {
        return new Entry(new Lesson(number, name, title), body);
    }

    /**
     * The lessons, in order.
     *
     * @return an unmodifiable list of numbers, names and titles.
     */
    public static List<Lesson> lessons() {
        List<Lesson> lessons = new ArrayList<>();
        for (Entry e : ENTRIES) {
            lessons.add(e.lesson());
        }
        return List.copyOf(lessons);
    }

    /**
     * Finds a lesson by name or number.
     *
     * @param name a lesson's name (case-insensitive) or number, e.g. {@code two-paths} or {@code 4}.
     * @return the lesson.
     * @throws UnknownLessonException if there is no such lesson; the message lists the valid names.
     */
    public static Lesson find(String name) {
        return lookUp(name).lesson();
    }

    /**
     * Runs a lesson: builds its graph, traces its backward pass and writes everything it shows.
     *
     * @param name a lesson's name or number.
     * @param format plain text or Markdown.
     * @return the lesson's output, ending with a newline.
     * @throws UnknownLessonException if there is no such lesson.
     */
    public static String run(String name, Format format) {
        ChainruleException.requireNonNull(format, "Walkthrough: format");
        Entry entry = lookUp(name);
        Page page = new Page(format);
        page.title("Lesson " + entry.lesson().number() + ": " + entry.lesson().title());
        entry.body().apply(page);
        return page.toString().stripTrailing() + "\n";
    }

    /**
     * A lesson run once, in plain text, with what it showed: the text, its graph, and the
     * backward traces and path sums it printed (the web page draws these very objects).
     *
     * @param lesson the lesson.
     * @param text its plain-text output.
     * @param graph its graph after the forward and backward passes.
     * @param traces the backward traces it printed, in order (at least one).
     * @param pathSums the path sums it printed, in order (often none).
     */
    public record Recording(Lesson lesson, String text, Graph graph, List<BackwardTrace> traces,
            List<PathSum> pathSums) {
        /** Freezes the lists. */
        public Recording {
            traces = List.copyOf(traces);
            pathSums = List.copyOf(pathSums);
        }
    }

    /**
     * Runs a lesson in plain text and keeps what it showed.
     *
     * @param name a lesson's name or number.
     * @return the recording.
     * @throws UnknownLessonException if there is no such lesson.
     */
    public static Recording record(String name) {
        Entry entry = lookUp(name);
        Page page = new Page(Format.TEXT);
        page.title("Lesson " + entry.lesson().number() + ": " + entry.lesson().title());
        Graph graph = entry.body().apply(page);
        return new Recording(entry.lesson(), page.toString().stripTrailing() + "\n", graph, page.traces(),
                page.pathSums());
    }

    /**
     * The lesson's graph after its forward and backward passes, for pictures
     * ({@link org.chainrule.graph.trace.GraphPicture}).
     *
     * @param name a lesson's name or number.
     * @return a new graph with values and gradients.
     * @throws UnknownLessonException if there is no such lesson.
     */
    public static Graph graph(String name) {
        return lookUp(name).body().apply(new Page(Format.TEXT));
    }

    private static Entry lookUp(String name) {
        ChainruleException.requireNonNull(name, "Walkthrough: lesson name");
        String key = name.trim().toLowerCase(Locale.ROOT);
        for (Entry e : ENTRIES) {
            if (e.lesson().name().equals(key) || Integer.toString(e.lesson().number()).equals(key)) {
                return e;
            }
        }
        throw new UnknownLessonException("no lesson '" + name + "'. Valid lessons: " + validNames());
    }

    /**
     * The valid names, numbered, for messages: {@code 1 forward-pass, 2 softmax, ...}.
     *
     * @return the list on one line.
     */
    public static String validNames() {
        List<String> names = new ArrayList<>();
        for (Entry e : ENTRIES) {
            names.add(e.lesson().number() + " " + e.lesson().name());
        }
        return String.join(", ", names);
    }
}
