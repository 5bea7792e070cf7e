package org.chainrule.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.chainrule.core.ChainruleException;

/**
 * A concise builder for multilayer perceptrons: fully connected layers, each followed by an
 * activation, as a {@link Sequential}. For the notes' TensorFlow-Playground network:
 * <pre>{@code
 * Sequential net = Mlp.builder(2)
 *         .hidden(6, Activation.TANH)
 *         .hidden(6, Activation.TANH)
 *         .output(1, Activation.SIGMOID)
 *         .seed(1)
 *         .build();
 * }</pre>
 * Layer {@code i} (from 1) is a {@link Linear} named {@code layer<i>}, so its parameters are
 * {@code layer<i>.weight} ({@code n_(i-1) x n_i}) and {@code layer<i>.bias}
 * ({@code 1 x n_i}). Each weight is initialised as its activation suggests
 * ({@link Activation#init()}); biases start at zero; all draws come from one
 * {@link Random} seeded with {@link Builder#seed(long)} (0 unless set), so the same builder
 * calls give the same network.
 */
public final class Mlp {
    private Mlp() {
    }

    /**
     * Starts a network that takes {@code inputs} features per example.
     *
     * @param inputs the number of input features, at least 1.
     * @return a builder.
     * @throws ChainruleException if {@code inputs} is less than 1.
     */
    public static Builder builder(int inputs) {
        return new Builder(inputs);
    }

    /** Collects the layer sizes and activations of a multilayer perceptron. */
    public static final class Builder {
        private final int inputs;
        private final List<Integer> units = new ArrayList<>();
        private final List<Activation> activations = new ArrayList<>();
        private boolean hasOutput;
        private long seed;

        private Builder(int inputs) {
            requirePositive("inputs", inputs);
            this.inputs = inputs;
        }

        /**
         * Adds a hidden layer.
         *
         * @param width the number of units, at least 1.
         * @param activation the activation after it.
         * @return this builder.
         * @throws ChainruleException if the width is less than 1, the activation is null or the
         *     output layer was already added.
         */
        public Builder hidden(int width, Activation activation) {
            if (hasOutput) {
                throw new ChainruleException("mlp: hidden layer after the output layer; add hidden layers first");
            }
            return add(width, activation);
        }

        /**
         * Adds the output layer; call it once, after the hidden layers.
         *
         * @param width the number of outputs, at least 1.
         * @param activation the activation after it ({@link Activation#IDENTITY} for scores).
         * @return this builder.
         * @throws ChainruleException if the width is less than 1, the activation is null or the
         *     output layer was already added.
         */
        public Builder output(int width, Activation activation) {
            if (hasOutput) {
                throw new ChainruleException("mlp: the output layer is already set");
            }
            hasOutput = true;
            return add(width, activation);
        }

        /**
         * Sets the seed of the weight initialisation.
         *
         * @param newSeed the seed.
         * @return this builder.
         */
        public Builder seed(long newSeed) {
            this.seed = newSeed;
            return this;
        }

        /**
         * Builds the network: {@code Linear, activation} per layer (an identity activation is
         * left out).
         *
         * @return the network.
         * @throws ChainruleException if no output layer was added.
         */
        public Sequential build() {
            if (!hasOutput) {
                throw new ChainruleException("mlp: no output layer; finish with output(width, activation)");
            }
            Random random = new Random(seed);
            List<Layer> layers = new ArrayList<>();
            int previous = inputs;
            for (int i = 0; i < units.size(); i++) {
                Activation activation = activations.get(i);
                layers.add(new Linear("layer" + (i + 1), previous, units.get(i), activation.init(), random));
                if (activation != Activation.IDENTITY) {
                    layers.add(activation);
                }
                previous = units.get(i);
            }
            return new Sequential(layers);
        }

        private Builder add(int width, Activation activation) {
            requirePositive("layer width", width);
            units.add(width);
            activations.add(ChainruleException.requireNonNull(activation,
                    "mlp: activation (use Activation.IDENTITY for none)"));
            return this;
        }

        private static void requirePositive(String what, int value) {
            if (value < 1) {
                throw new ChainruleException("mlp: " + what + " must be at least 1, got " + value);
            }
        }
    }
}
