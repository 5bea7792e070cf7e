package org.chainrule.examples.gallery;

import java.util.List;
import java.util.Random;
import org.chainrule.core.Axis;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.loss.Losses;

/**
 * A residual block and a linear read-out, trained with softmax cross-entropy. Examples are
 * rows of {@code X}, their classes an {@code m x 1} column {@code c}:
 * <pre>
 *   y      = X + relu(X W1 + b1) W2 + b2      the block adds its input to its output
 *   scores = y Wout + bout
 *   L      = (1/m) sum_i (logsumexp(scores_i) - scores_(i, c_i))
 * </pre>
 * {@code X} feeds both the block and the skip, so {@code dL/dX} (and any layer before it)
 * gets the identity path's gradient {@code dL/dy} plus the block's.
 *
 * <p>The task: three seeded Gaussian blobs in the plane, lifted to 4 features by a seeded
 * linear map; 20 points a class.
 */
public final class ResidualMlp implements GalleryNetwork {
    static final int FEATURES = 4;
    static final int HIDDEN = 8;
    static final int CLASSES = 3;
    /** Learned means: at least this fraction of the training points classified right. */
    static final double CRITERION = 0.9;

    private final Tensor features;
    private final Tensor labels;
    private final Parameter w1;
    private final Parameter b1;
    private final Parameter w2;
    private final Parameter b2;
    private final Parameter wOut;
    private final Parameter bOut;

    /** The gallery's network on its own task (seeded blobs and weights). */
    public ResidualMlp() {
        this(blobs(20, 5L), 13L);
    }

    private ResidualMlp(Tensor[] task, long seed) {
        this(task[0], task[1], seed);
    }

    /**
     * A network on given examples.
     *
     * @param features the examples, {@code m x 4}, one a row. Not modified.
     * @param labels their classes, an {@code m x 1} column of 0, 1 or 2. Not modified.
     * @param seed the seed of the initial weights (uniform in {@code [-0.5, 0.5)}, zero biases).
     */
    public ResidualMlp(Tensor features, Tensor labels, long seed) {
        Random random = new Random(seed);
        this.features = features;
        this.labels = labels;
        this.w1 = new Parameter("W1", Tensor.uniform(FEATURES, HIDDEN, -0.5, 0.5, random));
        this.b1 = new Parameter("b1", Tensor.zeros(1, HIDDEN));
        this.w2 = new Parameter("W2", Tensor.uniform(HIDDEN, FEATURES, -0.5, 0.5, random));
        this.b2 = new Parameter("b2", Tensor.zeros(1, FEATURES));
        this.wOut = new Parameter("Wout", Tensor.uniform(FEATURES, CLASSES, -0.5, 0.5, random));
        this.bOut = new Parameter("bout", Tensor.zeros(1, CLASSES));
    }

    /**
     * Three Gaussian blobs (deviation 0.6) centred on a circle of radius 2, lifted from the
     * plane to 4 features by a seeded normal {@code 2 x 4} map.
     *
     * @param perClass the points of each class.
     * @param seed the seed.
     * @return the {@code 3 perClass x 4} features and the {@code 3 perClass x 1} classes.
     */
    static Tensor[] blobs(int perClass, long seed) {
        Random random = new Random(seed);
        Tensor lift = Tensor.normal(2, FEATURES, 1.0, random);
        double[][] x = new double[CLASSES * perClass][FEATURES];
        double[] classes = new double[CLASSES * perClass];
        for (int i = 0; i < x.length; i++) {
            int c = i % CLASSES;
            double angle = 2 * Math.PI * c / CLASSES;
            double px = 2 * Math.cos(angle) + 0.6 * random.nextGaussian();
            double py = 2 * Math.sin(angle) + 0.6 * random.nextGaussian();
            for (int j = 0; j < FEATURES; j++) {
                x[i][j] = px * lift.get(0, j) + py * lift.get(1, j);
            }
            classes[i] = c;
        }
        return new Tensor[] {Tensor.of(x), Tensor.column(classes)};
    }

    @Override
    public String name() {
        return "residual-mlp";
    }

    @Override
    public String description() {
        return "residual relu block y = x + relu(x W1 + b1) W2 + b2 and a softmax read-out: three blobs in 4-D";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(w1, b1, w2, b2, wOut, bOut);
    }

    /**
     * Records the loss from given parameter nodes, e.g. the gradient checker's.
     *
     * @param graph the graph.
     * @param parameters {@code W1, b1, W2, b2, Wout, bout}, in the order of {@link #parameters()}.
     * @return the {@code 1x1} mean softmax cross-entropy.
     */
    public Node loss(Graph graph, Node... parameters) {
        return Losses.SOFTMAX_CROSS_ENTROPY.apply(scores(graph, parameters), graph.constant("classes", labels));
    }

    private Node scores(Graph graph, Node... parameters) {
        Node w1 = parameters[0], b1 = parameters[1], w2 = parameters[2], b2 = parameters[3];
        Node wOut = parameters[4], bOut = parameters[5];
        Node x = graph.constant("X", features);
        Node y = x.add(x.matmul(w1).add(b1).relu().matmul(w2).add(b2));
        return y.matmul(wOut).add(bOut);
    }

    @Override
    public TrainingReport train() {
        double before = Networks.lossOf(this);
        double after = Networks.trainWithAdam(this, 0.02, 300);
        Graph graph = new Graph();
        Tensor probabilities = scores(graph, Networks.record(graph, parameters()))
                .softmax(Axis.EACH_ROW).value();
        double accuracy = Classification.accuracy(probabilities, labels);
        int predicted = Classification.predicted(probabilities, 0);
        String sample = String.format("point 0 (class %d) is predicted class %d with probability %.3f; accuracy %.3f",
                (int) labels.get(0, 0), predicted, probabilities.get(0, predicted), accuracy);
        return new TrainingReport(before, after, sample, accuracy >= CRITERION,
                "training accuracy at least " + CRITERION);
    }
}
