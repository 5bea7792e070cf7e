package org.chainrule.nn.data;

import java.util.Random;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Memory;
import org.chainrule.core.Tensor;
import org.ejml.data.DMatrixRMaj;

/**
 * The four two-feature classification sets of TensorFlow Playground, which the notes use,
 * generated locally and reproducibly from a seed. Points lie in about {@code [-6, 6]^2};
 * class 1 is the playground's blue (+1), class 0 its orange (-1). {@code noise} is a fraction
 * in {@code [0, 1]} (the playground's 0–50% slider maps to 0–0.5).
 */
public final class Playground {
    /** The most examples one set can hold: their two coordinates fill one Java array. */
    public static final int MAX_EXAMPLES = (Integer.MAX_VALUE - 8) / 2;

    private static final double RADIUS = 5.0;

    private Playground() {
    }

    /** Which of the four sets. */
    public enum Kind {
        /** Class 1 inside a disc, class 0 in a ring around it. */
        CIRCLE,
        /** Exclusive or: class 1 where x and y have the same sign. */
        XOR,
        /** Two Gaussian blobs at (2, 2) (class 1) and (-2, -2) (class 0). */
        GAUSS,
        /** Two interleaved spirals. */
        SPIRAL
    }

    /**
     * Generates a set.
     *
     * @param kind which set.
     * @param examples how many points, at least 2 (split evenly between the classes where the set is built that way).
     * @param noise noise level in {@code [0, 1]}.
     * @param seed the random seed: the same seed gives the same points.
     * @return the dataset, two features per example, two classes.
     * @throws ChainruleException if {@code kind} is null, there are fewer than 2 examples, the
     *     noise is outside {@code [0, 1]}, there are more than {@link #MAX_EXAMPLES} examples, or
     *     they would not fit in the JVM's memory
     *     (checked before anything is allocated).
     */
    public static Dataset generate(Kind kind, int examples, double noise, long seed) {
        ChainruleException.requireNonNull(kind, "playground: kind");
        if (examples < 2) {
            throw new ChainruleException("playground: need at least 2 examples, got " + examples);
        }
        if (!(noise >= 0 && noise <= 1)) {
            throw new ChainruleException("playground: noise must lie in [0, 1], got " + noise);
        }
        if (examples > MAX_EXAMPLES) {
            throw new ChainruleException("playground: at most " + MAX_EXAMPLES + " examples (two coordinates each in"
                    + " one array), got " + examples);
        }
        // two doubles and a label each, and about as much again for the splits and batches made from them
        long bytes = 2L * examples * (2 * Double.BYTES + Integer.BYTES);
        if (!Memory.fits(bytes)) {
            throw new ChainruleException("playground: " + examples + " examples " + Memory.shortOf(bytes)
                    + ", or ask for fewer examples");
        }
        Random random = new Random(seed);
        DMatrixRMaj points = new DMatrixRMaj(examples, 2);
        int[] labels = new int[examples];
        for (int i = 0; i < examples; i++) {
            double[] p = switch (kind) {
                case CIRCLE -> circle(i, examples, noise, random);
                case XOR -> xor(noise, random);
                case GAUSS -> gauss(i, examples, noise, random);
                case SPIRAL -> spiral(i, examples, noise, random);
            };
            points.unsafe_set(i, 0, p[0]);
            points.unsafe_set(i, 1, p[1]);
            labels[i] = (int) p[2];
        }
        return new Dataset(Tensor.adopt(points), labels, 2);
    }

    /** Half the points inside radius 2.5 (class 1), half in the ring 3.5..5 (class 0); label by true distance. */
    private static double[] circle(int i, int n, double noise, Random random) {
        boolean inside = i < n / 2;
        double r = inside ? uniform(random, 0, RADIUS * 0.5) : uniform(random, RADIUS * 0.7, RADIUS);
        double angle = uniform(random, 0, 2 * Math.PI);
        double x = r * Math.sin(angle);
        double y = r * Math.cos(angle);
        double nx = uniform(random, -RADIUS, RADIUS) * noise;
        double ny = uniform(random, -RADIUS, RADIUS) * noise;
        int label = Math.hypot(x + nx, y + ny) < RADIUS * 0.5 ? 1 : 0;
        return new double[] {x, y, label};
    }

    /** Uniform points kept 0.3 away from the axes; class 1 where x y >= 0 (before noise). */
    private static double[] xor(double noise, Random random) {
        double padding = 0.3;
        double x = uniform(random, -RADIUS, RADIUS);
        x += x > 0 ? padding : -padding;
        double y = uniform(random, -RADIUS, RADIUS);
        y += y > 0 ? padding : -padding;
        double nx = uniform(random, -RADIUS, RADIUS) * noise;
        double ny = uniform(random, -RADIUS, RADIUS) * noise;
        int label = (x + nx) * (y + ny) >= 0 ? 1 : 0;
        return new double[] {x + nx, y + ny, label};
    }

    /** Two blobs; their spread grows from 0.5 (no noise) to 4 (full noise) as in the playground. */
    private static double[] gauss(int i, int n, double noise, Random random) {
        double variance = 0.5 + 3.5 * noise;
        boolean positive = i < n / 2;
        double centre = positive ? 2 : -2;
        double sd = Math.sqrt(variance);
        return new double[] {centre + sd * random.nextGaussian(), centre + sd * random.nextGaussian(), positive ? 1 : 0};
    }

    /** Two spirals of 1.75 turns, the second rotated by pi. */
    private static double[] spiral(int i, int n, double noise, Random random) {
        int half = n / 2;
        boolean positive = i < half;
        int k = positive ? i : i - half;
        int count = positive ? half : n - half;
        double r = (double) k / count * RADIUS;
        double t = 1.75 * k / count * 2 * Math.PI + (positive ? 0 : Math.PI);
        double x = r * Math.sin(t) + uniform(random, -1, 1) * noise;
        double y = r * Math.cos(t) + uniform(random, -1, 1) * noise;
        return new double[] {x, y, positive ? 1 : 0};
    }

    private static double uniform(Random random, double low, double high) {
        return low + (high - low) * random.nextDouble();
    }
}
