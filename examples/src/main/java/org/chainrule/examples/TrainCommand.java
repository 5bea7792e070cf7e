package org.chainrule.examples;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.chainrule.core.Tensor;
import org.chainrule.examples.progress.EpochMetrics;
import org.chainrule.nn.Activation;
import org.chainrule.nn.Layer;
import org.chainrule.nn.Mlp;
import org.chainrule.nn.Sequential;
import org.chainrule.nn.Standardization;
import org.chainrule.nn.data.CsvData;
import org.chainrule.nn.data.CsvLoader;
import org.chainrule.nn.data.Dataset;
import org.chainrule.nn.data.MnistIdx;
import org.chainrule.nn.data.Playground;
import org.chainrule.nn.loss.Loss;
import org.chainrule.nn.loss.Losses;
import org.chainrule.nn.optim.Adam;
import org.chainrule.nn.optim.Momentum;
import org.chainrule.nn.optim.Optimizer;
import org.chainrule.nn.optim.Sgd;
import org.chainrule.nn.train.Trainer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule train}: trains a fully connected network from command-line flags on a
 * TensorFlow-Playground set, the user's CSV file or MNIST IDX files, with live progress, and
 * ends with the playground's readout and the pictures.
 *
 * <p>Binary tasks train one score per example with the stable sigmoid cross-entropy; tasks
 * with more classes train one score per class with the softmax cross-entropy. Playground
 * points are used as they are (as in the playground) and MNIST pixels are scaled to
 * {@code [0, 1]} by the loader; CSV features are standardised with the training part's means
 * and standard deviations by a fixed first layer ({@link Standardization}).
 */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Train a fully connected network on a TensorFlow-Playground set, a CSV file or MNIST IDX files, with a"
                + " progress bar; print the training and test loss and accuracy, and write the learning curves"
                + " (and, for two features and two classes, the decision boundary) as PNG files.",
            "Two classes: one output score, sigmoid cross-entropy. More classes: one score per class, softmax"
                + " cross-entropy. CSV features are standardised with the training part's mean and standard"
                + " deviation; playground points and MNIST pixels (scaled to [0, 1]) are used as they are."},
        footer = {"", "Examples:",
            "  chainrule train --dataset circle",
            "  chainrule train --dataset spiral --noise 10%% --hidden 16,16 \\",
            "      --optimizer adam --epochs 300",
            "  chainrule train --csv iris.csv --label species --hidden 8 --optimizer adam",
            "  chainrule train --idx-images train-images-idx3-ubyte.gz \\",
            "      --idx-labels train-labels-idx1-ubyte.gz --train-ratio 0.9 \\",
            "      --hidden 128 --activation relu --optimizer adam --batch 64 --epochs 5"})
public final class TrainCommand implements Callable<Integer> {
    private static final String PLAYGROUND_SOURCE = "--dataset";

    @Spec
    private CommandSpec spec;

    @ArgGroup(validate = false, heading = "%nData (exactly one source):%n", order = 1)
    private DataOptions data = new DataOptions();

    @ArgGroup(validate = false, heading = "%nNetwork:%n", order = 2)
    private NetworkOptions network = new NetworkOptions();

    @ArgGroup(validate = false, heading = "%nTraining and output:%n", order = 3)
    private TrainingOptions training = new TrainingOptions();

    /** Creates the command; picocli calls this. */
    public TrainCommand() {
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

        /** The optimizer over the model's parameters. */
        Optimizer create(Layer model, double learningRate) {
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

    /** Where the examples come from. */
    static final class DataOptions {
        @Option(names = PLAYGROUND_SOURCE, paramLabel = "NAME", order = 1,
                description = "A TensorFlow-Playground set: ${COMPLETION-CANDIDATES}.")
        PlaygroundSet dataset;

        @Option(names = "--noise", paramLabel = "LEVEL", order = 2, converter = FractionConverter.class,
                defaultValue = "0",
                description = "Noise of the playground set, 0 to 1 or as a percentage like the playground's slider"
                        + " (0%% to 50%%): 0.1 and 10%% are the same (default: ${DEFAULT-VALUE}).")
        double noise;

        @Option(names = "--examples", paramLabel = "N", order = 3, defaultValue = "500",
                description = "Points in the playground set (default: ${DEFAULT-VALUE}, as in the playground).")
        int examples;

        @Option(names = "--csv", paramLabel = "FILE", order = 4,
                description = "A CSV file with a header row; with --label.")
        Path csv;

        @Option(names = "--label", paramLabel = "COLUMN", order = 5,
                description = "The CSV column holding the class labels; every other column is a numeric feature.")
        String label;

        @Option(names = "--idx-images", paramLabel = "FILE", order = 6,
                description = "MNIST-format IDX images (plain or gzipped); with --idx-labels.")
        Path idxImages;

        @Option(names = "--idx-labels", paramLabel = "FILE", order = 7,
                description = "MNIST-format IDX labels (plain or gzipped); with --idx-images.")
        Path idxLabels;

        @Option(names = "--train-ratio", paramLabel = "FRACTION", order = 8, converter = FractionConverter.class,
                defaultValue = "0.5",
                description = "The share of the examples to train on, the rest being the test set: 0.5 or 50%%"
                        + " (default: ${DEFAULT-VALUE}, as in the playground).")
        double trainRatio;
    }

    /** The network's shape. */
    static final class NetworkOptions {
        @Option(names = "--hidden", paramLabel = "WIDTHS", order = 1, defaultValue = "6,6",
                description = "Hidden layer widths, comma-separated, or 'none' for no hidden layer"
                        + " (default: ${DEFAULT-VALUE}).")
        String hidden;

        @Option(names = "--activation", paramLabel = "NAME", order = 2, defaultValue = "tanh",
                description = "The hidden layers' activation: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        ActivationChoice activation;
    }

    /** How to train, and where the pictures go. */
    static final class TrainingOptions {
        @Option(names = "--optimizer", paramLabel = "NAME", order = 1, defaultValue = "sgd",
                description = "${COMPLETION-CANDIDATES} (momentum: 0.9) (default: ${DEFAULT-VALUE}).")
        OptimizerChoice optimizer;

        @Option(names = "--lr", paramLabel = "RATE", order = 2,
                description = "The learning rate (default: 0.1 for sgd, 0.01 for momentum and adam).")
        Double learningRate;

        @Option(names = "--batch", paramLabel = "SIZE", order = 3, defaultValue = "10",
                description = "Examples per mini-batch (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--epochs", paramLabel = "N", order = 4, defaultValue = "100",
                description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--seed", paramLabel = "SEED", order = 5, defaultValue = "1",
                description = "Seed of the data, the split, the initial weights and the shuffles"
                        + " (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--out", paramLabel = "DIR", order = 6, defaultValue = "chainrule-out",
                description = "Directory for the pictures, created if missing (default: ${DEFAULT-VALUE}).")
        Path outDir;
    }

    /**
     * Trains and reports.
     *
     * @return 0.
     * @throws ParameterException for a usage error.
     * @throws org.chainrule.core.ChainruleException if a data file is rejected or training diverges.
     */
    @Override
    public Integer call() {
        int[] hidden = checkOptions();
        double learningRate = training.learningRate != null ? training.learningRate
                : training.optimizer.defaultLearningRate;
        PrintWriter out = spec.commandLine().getOut();
        TrainingRun.printProducts(out);

        Data loaded = load();
        Dataset.Split split = loaded.dataset.split(data.trainRatio, training.seed + 1);
        out.println("data: " + loaded.description + ": " + split.train().size() + " for training, "
                + split.test().size() + " for testing");

        Dataset all = loaded.dataset;
        boolean binary = all.classes() == 2;
        Mlp.Builder builder = Mlp.builder(all.featureCount()).seed(training.seed + 2);
        for (int width : hidden) {
            builder.hidden(width, network.activation.activation);
        }
        Sequential mlp = builder.output(binary ? 1 : all.classes(), Activation.IDENTITY).build();
        Layer model = loaded.standardized ? Sequential.of(Standardization.fittedTo(split.train().features()).standardizing(), mlp) : mlp;
        Loss loss = binary ? Losses.SIGMOID_CROSS_ENTROPY : Losses.SOFTMAX_CROSS_ENTROPY;
        out.println("network: " + architecture(all, hidden, binary) + ", " + loss.name() + " (" + mlp.parameterCount()
                + " parameters)");

        Optimizer optimizer = training.optimizer.create(model, learningRate);
        out.printf(Locale.ROOT, "optimizer: %s, learning rate %s, batches of %d, %d epoch%s, seed %d%n",
                training.optimizer, Tensor.format(learningRate), training.batch, training.epochs,
                training.epochs == 1 ? "" : "s", training.seed);
        Trainer.Builder trainer = Trainer.builder(model, loss, optimizer).epochs(training.epochs)
                .batchSize(training.batch).seed(training.seed + 3);
        List<EpochMetrics> history = TrainingRun.fit(trainer, split, out);
        out.flush();

        TrainingRun.printReadout(out, "", history.get(history.size() - 1));
        out.println("pictures:");
        Path curves = TrainingRun.writeCurves(history, training.outDir.resolve("train-curves.png"));
        TrainingRun.printFile(out, "  ", curves, "loss and accuracy per epoch");
        if (all.featureCount() == 2 && binary) {
            Path boundary = TrainingRun.writeBoundary(loaded.name + ": P(class 1), test points on top", split.test(),
                    model, training.outDir.resolve("train-boundary.png"));
            TrainingRun.printFile(out, "  ", boundary, "decision boundary, with the test points");
        } else {
            out.println("  (no decision-boundary picture: it needs 2 features and 2 classes, this data has "
                    + all.featureCount() + " feature" + (all.featureCount() == 1 ? "" : "s") + " and " + all.classes()
                    + " classes)");
        }
        return 0;
    }

    /** Checks the options together; returns the hidden widths. */
    private int[] checkOptions() {
        boolean playground = data.dataset != null;
        boolean csv = data.csv != null || data.label != null;
        boolean idx = data.idxImages != null || data.idxLabels != null;
        int sources = (playground ? 1 : 0) + (csv ? 1 : 0) + (idx ? 1 : 0);
        if (sources == 0) {
            throw usage("no data: give --dataset NAME, --csv FILE --label COLUMN, or --idx-images FILE --idx-labels FILE");
        }
        if (sources > 1) {
            List<String> given = new ArrayList<>();
            if (playground) {
                given.add(PLAYGROUND_SOURCE);
            }
            if (csv) {
                given.add("--csv/--label");
            }
            if (idx) {
                given.add("--idx-images/--idx-labels");
            }
            throw usage("choose one data source, not " + String.join(" and ", given));
        }
        if (csv && (data.csv == null || data.label == null)) {
            throw usage(data.csv == null ? "--label needs --csv FILE" : "--csv needs --label COLUMN, the column of class labels");
        }
        if (idx && (data.idxImages == null || data.idxLabels == null)) {
            throw usage(data.idxImages == null ? "--idx-labels needs --idx-images FILE" : "--idx-images needs --idx-labels FILE");
        }
        if (!playground) {
            for (String option : new String[] {"--noise", "--examples"}) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    throw usage(option + " applies only to a playground set (" + PLAYGROUND_SOURCE + ")");
                }
            }
        }
        if (!(data.noise >= 0 && data.noise <= 1)) {
            throw usage("--noise must lie between 0 and 1 (0% and 100%), got " + Tensor.format(data.noise));
        }
        if (data.examples < 2) {
            throw usage("--examples must be at least 2, got " + data.examples);
        }
        if (!(data.trainRatio > 0 && data.trainRatio < 1)) {
            throw usage("--train-ratio must lie strictly between 0 and 1 (0% and 100%), got "
                    + Tensor.format(data.trainRatio));
        }
        if (training.learningRate != null && !(training.learningRate > 0 && Double.isFinite(training.learningRate))) {
            throw usage("--lr must be a positive number, got " + Tensor.format(training.learningRate));
        }
        if (training.batch < 1) {
            throw usage("--batch must be at least 1, got " + training.batch);
        }
        if (training.epochs < 1) {
            throw usage("--epochs must be at least 1, got " + training.epochs);
        }
        return hiddenWidths();
    }

    private int[] hiddenWidths() {
        String text = network.hidden.trim();
        if (text.equalsIgnoreCase("none")) {
            return new int[0];
        }
        String[] parts = text.split(",", -1);
        int[] widths = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                widths[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                widths[i] = 0;
            }
            if (widths[i] < 1) {
                throw usage("--hidden takes positive widths separated by commas, such as 6,6, or 'none'; got '"
                        + network.hidden + "'");
            }
        }
        return widths;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** The examples, what to call them, and whether the network standardises them. */
    private record Data(Dataset dataset, String name, String description, boolean standardized) {
    }

    private Data load() {
        if (data.dataset != null) {
            Dataset points = Playground.generate(data.dataset.kind, data.examples, data.noise, training.seed);
            return new Data(points, data.dataset.label, data.dataset.label + ", " + data.examples + " points, noise "
                    + percent(data.noise), false);
        }
        if (data.csv != null) {
            CsvData table = CsvLoader.load(data.csv, data.label);
            Dataset rows = table.dataset();
            String name = String.valueOf(data.csv.getFileName());
            return new Data(rows, name, name + ", " + rows.size() + " rows, " + rows.featureCount() + " feature"
                    + (rows.featureCount() == 1 ? "" : "s") + " " + table.featureNames() + " standardised, "
                    + rows.classes() + " classes " + table.classNames(), true);
        }
        Dataset images = MnistIdx.load(data.idxImages, data.idxLabels);
        return new Data(images, "MNIST", data.idxImages.getFileName() + ", " + images.size() + " images of "
                + images.featureCount() + " pixels, " + images.classes() + " classes", false);
    }

    /** E.g. {@code 2 inputs -> 6 tanh -> 6 tanh -> 1 score}. */
    private String architecture(Dataset all, int[] hidden, boolean binary) {
        StringBuilder sb = new StringBuilder().append(all.featureCount()).append(" inputs");
        for (int width : hidden) {
            sb.append(" -> ").append(width).append(' ').append(network.activation);
        }
        return sb.append(" -> ").append(binary ? "1 score" : all.classes() + " scores").toString();
    }

    private static String percent(double fraction) {
        return Tensor.format(100 * fraction) + "%";
    }
}
