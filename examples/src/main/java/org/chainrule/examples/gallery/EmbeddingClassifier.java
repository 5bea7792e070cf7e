package org.chainrule.examples.gallery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.chainrule.core.Axis;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.loss.Losses;

/**
 * A bag of embeddings: look each token of a sentence up in a trainable table, average the
 * sentence's rows, and classify the average linearly. For {@code m} sentences of {@code T}
 * tokens, the {@code mT} token indices form one column {@code t} (sentence {@code i}'s tokens
 * are rows {@code iT .. iT + T - 1}):
 * <pre>
 *   e      = E[t]                  gatherRows: one table row per token, mT x d
 *   pooled = P e                   P is m x mT with P[i][iT + j] = 1/T: each sentence's mean
 *   scores = pooled W + b
 *   L      = softmax cross-entropy of scores against the classes
 * </pre>
 * Backward adds each token's gradient into its table row, so a token used twice (in one
 * sentence or in several) gets the sum, and tokens never seen get none.
 *
 * <p>The task: sentences of 4 tokens from a vocabulary of 10; tokens 0-4 form one group,
 * 5-9 the other, and a sentence's class is the group holding 3 or 4 of its tokens.
 */
public final class EmbeddingClassifier implements GalleryNetwork {
    static final int VOCABULARY = 10;
    static final int WIDTH = 4;
    static final int TOKENS = 4;
    static final int CLASSES = 2;

    private final Tensor sentences;
    private final Tensor classes;
    private final Tensor tokens;
    private final Tensor pooling;
    private final Parameter table;
    private final Parameter w;
    private final Parameter b;

    /** The gallery's network on its own task (24 seeded sentences, seeded weights). */
    public EmbeddingClassifier() {
        this(sentences(24, 5L), 17L);
    }

    private EmbeddingClassifier(Tensor[] task, long seed) {
        this(task[0], task[1], seed);
    }

    /**
     * A network on given sentences.
     *
     * @param sentences {@code m x 4} token indices in {@code [0, 10)}, a sentence a row. Not modified.
     * @param classes their classes, an {@code m x 1} column of 0 or 1. Not modified.
     * @param seed the seed of the initial weights (uniform in {@code [-0.5, 0.5)}, zero bias).
     */
    public EmbeddingClassifier(Tensor sentences, Tensor classes, long seed) {
        Random random = new Random(seed);
        int m = sentences.rows();
        double[] column = new double[m * TOKENS];
        double[][] mean = new double[m][m * TOKENS];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < TOKENS; j++) {
                column[i * TOKENS + j] = sentences.get(i, j);
                mean[i][i * TOKENS + j] = 1.0 / TOKENS;
            }
        }
        this.sentences = sentences;
        this.classes = classes;
        this.tokens = Tensor.column(column);
        this.pooling = Tensor.of(mean);
        this.table = new Parameter("E", Tensor.uniform(VOCABULARY, WIDTH, -0.5, 0.5, random));
        this.w = new Parameter("W", Tensor.uniform(WIDTH, CLASSES, -0.5, 0.5, random));
        this.b = new Parameter("b", Tensor.zeros(1, CLASSES));
    }

    /**
     * Seeded sentences, alternately of class 0 and 1: 3 or 4 tokens from the class's group
     * ({@code 0-4} for class 0, {@code 5-9} for class 1), the rest from the other, shuffled.
     *
     * @param count the number of sentences.
     * @param seed the seed.
     * @return the {@code count x 4} token indices and the {@code count x 1} classes.
     */
    static Tensor[] sentences(int count, long seed) {
        Random random = new Random(seed);
        double[][] sentences = new double[count][];
        double[] classes = new double[count];
        int group = VOCABULARY / 2;
        for (int i = 0; i < count; i++) {
            int c = i % CLASSES;
            int majority = 3 + random.nextInt(2);
            List<Double> sentence = new ArrayList<>();
            for (int j = 0; j < TOKENS; j++) {
                int from = (j < majority) == (c == 0) ? 0 : group;
                sentence.add((double) (from + random.nextInt(group)));
            }
            Collections.shuffle(sentence, random);
            sentences[i] = sentence.stream().mapToDouble(Double::doubleValue).toArray();
            classes[i] = c;
        }
        return new Tensor[] {Tensor.of(sentences), Tensor.column(classes)};
    }

    @Override
    public String name() {
        return "embedding-bag";
    }

    @Override
    public String description() {
        return "mean of a sentence's token embeddings, then a softmax classifier: which token group is in the majority";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(table, w, b);
    }

    /**
     * Records the loss from given parameter nodes, e.g. the gradient checker's.
     *
     * @param graph the graph.
     * @param parameters {@code E}, {@code W}, {@code b}, in the order of {@link #parameters()}.
     * @return the {@code 1x1} mean softmax cross-entropy.
     */
    public Node loss(Graph graph, Node... parameters) {
        return Losses.SOFTMAX_CROSS_ENTROPY.apply(scores(graph, parameters), graph.constant("classes", classes));
    }

    private Node scores(Graph graph, Node... parameters) {
        Node table = parameters[0], w = parameters[1], b = parameters[2];
        Node embedded = table.gatherRows(graph.constant("tokens", tokens));
        Node pooled = graph.constant("P", pooling).matmul(embedded);
        return pooled.matmul(w).add(b);
    }

    @Override
    public TrainingReport train() {
        double before = Networks.lossOf(this);
        double after = Networks.trainWithAdam(this, 0.05, 200);
        Graph graph = new Graph();
        Tensor probabilities = scores(graph, Networks.record(graph, parameters())).softmax(Axis.EACH_ROW).value();
        double accuracy = Classification.accuracy(probabilities, classes);
        int predicted = Classification.predicted(probabilities, 0);
        String first = Arrays.stream(sentences.toArray()[0]).mapToObj(t -> String.valueOf((int) t))
                .collect(Collectors.joining(" "));
        String sample = String.format("sentence [%s] (class %d) is predicted class %d with probability %.3f; accuracy %.3f",
                first, (int) classes.get(0, 0), predicted,
                probabilities.get(0, predicted), accuracy);
        return new TrainingReport(before, after, sample, accuracy == 1.0,
                "every one of the " + classes.rows() + " training sentences classified right");
    }
}
