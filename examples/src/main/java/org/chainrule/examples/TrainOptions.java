package org.chainrule.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.chainrule.core.Tensor;
import org.chainrule.nn.Activation;
import org.chainrule.nn.Module;
import org.chainrule.nn.data.Playground;
import org.chainrule.nn.optim.Adam;
import org.chainrule.nn.optim.Momentum;
import org.chainrule.nn.optim.Optimizer;
import org.chainrule.nn.optim.Sgd;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of {@code chainrule train}, validated by picocli as they are parsed: the data
 * source is an exclusive group of three required groups (a playground set, a CSV file with its
 * label column, or IDX images with their labels; a test set goes with its source), enums and
 * converters read the values, and each number's range is checked by its setter with a
 * one-line message. The rules across options that picocli cannot express are
 * {@link TrainCommand}'s; {@link TrainUsage} words picocli's group errors as the command has
 * always worded them.
 */
final class TrainOptions {
    private TrainOptions() {
    }

    /** The playground sets, by their command-line names. */
    enum PlaygroundSet {
        CIRCLE("circle", Playground.Kind.CIRCLE),
        XOR("xor", Playground.Kind.XOR),
        GAUSS("gauss", Playground.Kind.GAUSS),
        SPIRAL("spiral", Playground.Kind.SPIRAL);

        private final String label;
        private final Playground.Kind kind;

        PlaygroundSet(String label, Playground.Kind kind) {
            this.label = label;
            this.kind = kind;
        }

        /** The generator's kind. */
        Playground.Kind kind() {
            return kind;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The hidden layers' activations, by their command-line names. */
    enum ActivationChoice {
        SIGMOID("sigmoid", Activation.SIGMOID),
        TANH("tanh", Activation.TANH),
        RELU("relu", Activation.RELU),
        LEAKY_RELU("leaky-relu", Activation.LEAKY_RELU);

        private final String label;
        private final Activation activation;

        ActivationChoice(String label, Activation activation) {
            this.label = label;
            this.activation = activation;
        }

        /** The activation. */
        Activation activation() {
            return activation;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The optimizers, by their command-line names, with their default learning rates. */
    enum OptimizerChoice {
        SGD("sgd", 0.1),
        MOMENTUM("momentum", 0.01),
        ADAM("adam", 0.01);

        /** The momentum coefficient of {@link #MOMENTUM}. */
        static final double MU = 0.9;

        private final String label;
        private final double defaultLearningRate;

        OptimizerChoice(String label, double defaultLearningRate) {
            this.label = label;
            this.defaultLearningRate = defaultLearningRate;
        }

        /** The learning rate when {@code --lr} is not given. */
        double defaultLearningRate() {
            return defaultLearningRate;
        }

        /** The optimizer over the model's parameters. */
        Optimizer create(Module model, double learningRate) {
            return switch (this) {
                case SGD -> new Sgd(model.parameters(), learningRate);
                case MOMENTUM -> new Momentum(model.parameters(), learningRate, MU);
                case ADAM -> new Adam(model.parameters(), learningRate);
            };
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** What the label column is: classes or a quantity. */
    enum TaskChoice {
        CLASSIFICATION("classification"),
        REGRESSION("regression");

        private final String label;

        TaskChoice(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Exactly one source of examples. */
    static final class Source {
        @ArgGroup(exclusive = false, multiplicity = "1", order = 1)
        PlaygroundSource playground;

        @ArgGroup(exclusive = false, multiplicity = "1", order = 2)
        CsvSource csv;

        @ArgGroup(exclusive = false, multiplicity = "1", order = 3)
        IdxSource idx;
    }

    /** A generated playground set. */
    static final class PlaygroundSource {
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        @Option(names = "--dataset", paramLabel = "NAME", required = true, order = 1,
                description = "A TensorFlow-Playground set: ${COMPLETION-CANDIDATES}.")
        PlaygroundSet dataset;

        double noise;
        int examples;

        @Option(names = "--noise", paramLabel = "LEVEL", order = 2, converter = FractionConverter.class,
                defaultValue = "0",
                description = "Noise of the playground set, 0 to 1 or as a percentage like the playground's slider"
                        + " (0%% to 50%%): 0.1 and 10%% are the same (default: ${DEFAULT-VALUE}).")
        void noise(double level) {
            if (!(level >= 0 && level <= 1)) {
                throw usage(spec, "--noise must lie between 0 and 1 (0% and 100%), got " + Tensor.format(level));
            }
            noise = level;
        }

        @Option(names = "--examples", paramLabel = "N", order = 3, defaultValue = "500",
                description = "Points in the playground set (default: ${DEFAULT-VALUE}, as in the playground).")
        void examples(int count) {
            examples = atLeast(spec, "--examples", 2, count);
        }
    }

    /** A CSV file, its label column, and optionally a separate test file. */
    static final class CsvSource {
        @Option(names = "--csv", paramLabel = "FILE", required = true, order = 4,
                description = "A CSV file with a header row; with --label.")
        Path csv;

        @Option(names = "--label", paramLabel = "COLUMN", required = true, order = 5,
                description = "The CSV column holding the labels (classes, or the values of a regression); every"
                        + " other column not ignored is a numeric feature.")
        String label;

        @Option(names = "--ignore", paramLabel = "COLUMN", order = 6, split = ",",
                description = "CSV columns to skip, comma-separated (an ID, a name).")
        List<String> ignore = new ArrayList<>();

        @Option(names = "--test-csv", paramLabel = "FILE", order = 7,
                description = "A separate CSV test set with the same columns (matched by name); then nothing is"
                        + " split off for testing.")
        Path testCsv;
    }

    /** MNIST-format IDX files, and optionally a separate test pair. */
    static final class IdxSource {
        @Option(names = "--idx-images", paramLabel = "FILE", required = true, order = 8,
                description = "MNIST-format IDX images (plain or gzipped); with --idx-labels.")
        Path images;

        @Option(names = "--idx-labels", paramLabel = "FILE", required = true, order = 9,
                description = "MNIST-format IDX labels (plain or gzipped); with --idx-images.")
        Path labels;

        @ArgGroup(exclusive = false, order = 10)
        IdxTest test;
    }

    /** A separate IDX test set: both files. */
    static final class IdxTest {
        @Option(names = "--test-idx-images", paramLabel = "FILE", required = true, order = 10,
                description = "Separate IDX test images (such as t10k-images-idx3-ubyte.gz); with --test-idx-labels.")
        Path images;

        @Option(names = "--test-idx-labels", paramLabel = "FILE", required = true, order = 11,
                description = "Separate IDX test labels; with --test-idx-images.")
        Path labels;
    }

    /** What to learn from the source and how much of it to test on. */
    static final class Split {
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        @Option(names = "--task", paramLabel = "TASK", order = 1,
                description = "${COMPLETION-CANDIDATES}. Default: classification for name labels and for at most"
                        + " 50 distinct whole numbers; other numeric labels are refused as classes. Regression needs"
                        + " a CSV.")
        TaskChoice task;

        double trainRatio;

        @Option(names = "--train-ratio", paramLabel = "FRACTION", order = 2, converter = FractionConverter.class,
                defaultValue = "0.5",
                description = "Without a separate test set, the share of the examples to train on, the rest being the"
                        + " test set: 0.5 or 50%% (default: ${DEFAULT-VALUE}, as in the playground).")
        void trainRatio(double ratio) {
            if (!(ratio > 0 && ratio < 1)) {
                throw usage(spec, "--train-ratio must lie strictly between 0 and 1 (0% and 100%), got "
                        + Tensor.format(ratio));
            }
            trainRatio = ratio;
        }
    }

    /** The network's shape. */
    static final class Network {
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        int[] hidden;

        @Option(names = "--hidden", paramLabel = "WIDTHS", order = 1, defaultValue = "6,6",
                description = "Hidden layer widths, comma-separated, or 'none' for no hidden layer"
                        + " (default: ${DEFAULT-VALUE}).")
        void hidden(String text) {
            if (text.trim().equalsIgnoreCase("none")) {
                hidden = new int[0];
                return;
            }
            String[] parts = text.trim().split(",", -1);
            int[] widths = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    widths[i] = Integer.parseInt(parts[i].trim());
                } catch (NumberFormatException e) {
                    widths[i] = 0;
                }
                if (widths[i] < 1) {
                    throw usage(spec, "--hidden takes positive widths separated by commas, such as 6,6, or 'none';"
                            + " got '" + text + "'");
                }
            }
            hidden = widths;
        }

        @Option(names = "--activation", paramLabel = "NAME", order = 2, defaultValue = "tanh",
                description = "The hidden layers' activation: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        ActivationChoice activation;
    }

    /** How to train, and where the pictures go. */
    static final class Training {
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        @Option(names = "--optimizer", paramLabel = "NAME", order = 1, defaultValue = "sgd",
                description = "${COMPLETION-CANDIDATES} (momentum: 0.9) (default: ${DEFAULT-VALUE}).")
        OptimizerChoice optimizer;

        Double learningRate;
        int batch;
        int epochs;

        @Option(names = "--lr", paramLabel = "RATE", order = 2,
                description = "The learning rate (default: 0.1 for sgd, 0.01 for momentum and adam).")
        void learningRate(double rate) {
            if (!(rate > 0 && Double.isFinite(rate))) {
                throw usage(spec, "--lr must be a positive number, got " + Tensor.format(rate));
            }
            learningRate = rate;
        }

        @Option(names = "--batch", paramLabel = "SIZE", order = 3, defaultValue = "10",
                description = "Examples per mini-batch (default: ${DEFAULT-VALUE}).")
        void batch(int size) {
            batch = atLeast(spec, "--batch", 1, size);
        }

        @Option(names = "--epochs", paramLabel = "N", order = 4, defaultValue = "100",
                description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
        void epochs(int count) {
            epochs = atLeast(spec, "--epochs", 1, count);
        }

        @Option(names = "--seed", paramLabel = "SEED", order = 5, defaultValue = "1",
                description = "Seed of the data, the split, the initial weights and the shuffles"
                        + " (default: ${DEFAULT-VALUE}).")
        long seed;

        double validationRatio;
        Integer patience;

        @Option(names = "--validation-ratio", paramLabel = "FRACTION", order = 6, converter = FractionConverter.class,
                defaultValue = "0",
                description = "A share of the training part held out for validation (never the test set), reported"
                        + " each epoch; needed by --patience (default: none).")
        void validationRatio(double ratio) {
            if (!(ratio >= 0 && ratio < 1)) {
                throw usage(spec, "--validation-ratio must lie in [0, 1) (0% to below 100%), got "
                        + Tensor.format(ratio));
            }
            validationRatio = ratio;
        }

        @Option(names = "--patience", paramLabel = "N", order = 7,
                description = "Early stopping: stop after N epochs without a better validation loss and keep the best"
                        + " epoch's weights; needs --validation-ratio.")
        void patience(int epochsWithoutImprovement) {
            patience = atLeast(spec, "--patience", 1, epochsWithoutImprovement);
        }

        @Option(names = "--save", paramLabel = "FILE", order = 8,
                description = "Write the model after every epoch: its weights, architecture, standardisation and"
                        + " column names (for chainrule predict), and the training state (for --resume).")
        Path save;

        @Option(names = "--resume", paramLabel = "FILE", order = 9,
                description = "Continue a run saved with --save, with the same data and flags and more --epochs; it"
                        + " goes on saving to FILE unless --save names another.")
        Path resume;

        @Option(names = "--out", paramLabel = "DIR", order = 10, defaultValue = "chainrule-out",
                description = "Directory for the pictures, created if missing (default: ${DEFAULT-VALUE}).")
        Path outDir;

        /** The learning rate: {@code --lr}, or the optimizer's default. */
        double rate() {
            return learningRate != null ? learningRate : optimizer.defaultLearningRate();
        }
    }

    private static int atLeast(CommandSpec spec, String option, int minimum, int value) {
        if (value < minimum) {
            throw usage(spec, option + " must be at least " + minimum + ", got " + value);
        }
        return value;
    }

    private static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
