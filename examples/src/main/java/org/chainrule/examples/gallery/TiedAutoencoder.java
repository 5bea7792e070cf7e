package org.chainrule.examples.gallery;

import java.util.List;
import java.util.Random;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.Parameter;

/**
 * An autoencoder whose decoder reuses the encoder's weights, transposed (tied weights).
 * Points are rows of {@code X}:
 * <pre>
 *   h    = tanh(X W + b)          encode: n features -> k hidden units
 *   Xhat = h W^T + c              decode with the same W
 *   L    = mean((Xhat - X)^2)
 * </pre>
 * {@code W} is used twice, so its gradient is the sum of the encoder's and the decoder's
 * contributions: {@code dL/dW = X^T (G W * (1 - h^2)) + G^T h} with {@code G = dL/dXhat}.
 *
 * <p>The task: 8-dimensional points lying near a 2-D subspace, squeezed through 3 hidden units.
 */
public final class TiedAutoencoder implements GalleryNetwork {
    static final int FEATURES = 8;
    static final int HIDDEN = 3;
    /** Learned means: the loss after training is below this fraction of the loss before. */
    static final double CRITERION = 0.3;

    private final Tensor points;
    private final Parameter w;
    private final Parameter b;
    private final Parameter c;

    /** The gallery's network on its own task (seeded points and weights). */
    public TiedAutoencoder() {
        this(points(32, 7L), 11L);
    }

    /**
     * A network on given points.
     *
     * @param points the points, {@code m x 8}, one a row. Not modified.
     * @param seed the seed of the initial weights.
     */
    public TiedAutoencoder(Tensor points, long seed) {
        Random random = new Random(seed);
        this.points = points;
        this.w = new Parameter("W", Tensor.uniform(FEATURES, HIDDEN, -0.5, 0.5, random));
        this.b = new Parameter("b", Tensor.zeros(1, HIDDEN));
        this.c = new Parameter("c", Tensor.zeros(1, FEATURES));
    }

    /**
     * Seeded points near a 2-D subspace of 8-D space: {@code z A + noise} with {@code z} and
     * the {@code 2 x 8} basis {@code A} normal, the noise normal with deviation 0.05.
     *
     * @param count the number of points.
     * @param seed the seed.
     * @return the {@code count x 8} points.
     */
    static Tensor points(int count, long seed) {
        Random random = new Random(seed);
        Tensor basis = Tensor.normal(2, FEATURES, 0.5, random);
        double[][] x = new double[count][FEATURES];
        for (int i = 0; i < count; i++) {
            double z0 = random.nextGaussian();
            double z1 = random.nextGaussian();
            for (int j = 0; j < FEATURES; j++) {
                x[i][j] = z0 * basis.get(0, j) + z1 * basis.get(1, j) + 0.05 * random.nextGaussian();
            }
        }
        return Tensor.of(x);
    }

    @Override
    public String name() {
        return "tied-autoencoder";
    }

    @Override
    public String description() {
        return "tanh autoencoder with tied weights (decoder = encoder transposed): 8-D points near a plane, through 3 units";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(w, b, c);
    }

    /**
     * Records the loss from given parameter nodes, e.g. the gradient checker's.
     *
     * @param graph the graph.
     * @param parameters {@code W}, {@code b}, {@code c}, in the order of {@link #parameters()}.
     * @return the {@code 1x1} reconstruction loss.
     */
    public Node loss(Graph graph, Node... parameters) {
        Node x = graph.constant("X", points);
        return reconstruct(x, parameters).sub(x).square().mean();
    }

    private static Node reconstruct(Node x, Node... parameters) {
        Node w = parameters[0], b = parameters[1], c = parameters[2];
        Node h = x.matmul(w).add(b).tanh();
        return h.matmul(w.transpose()).add(c);
    }

    @Override
    public TrainingReport train() {
        double before = Networks.lossOf(this);
        double after = Networks.trainWithAdam(this, 0.02, 600);
        Graph graph = new Graph();
        Tensor xhat = reconstruct(graph.constant(points), Networks.record(graph, parameters())).value();
        String sample = String.format("point 0 starts %.3f %.3f %.3f ..., reconstructed %.3f %.3f %.3f ...",
                points.get(0, 0), points.get(0, 1), points.get(0, 2), xhat.get(0, 0), xhat.get(0, 1), xhat.get(0, 2));
        return new TrainingReport(before, after, sample, after < CRITERION * before,
                "reconstruction loss below " + CRITERION + " of its starting value");
    }
}
