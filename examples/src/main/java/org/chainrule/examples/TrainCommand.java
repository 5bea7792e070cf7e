package org.chainrule.examples;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.examples.plot.PredictedVsTrue;
import org.chainrule.examples.progress.EpochMetrics;
import org.chainrule.nn.Activation;
import org.chainrule.nn.Layer;
import org.chainrule.nn.Module;
import org.chainrule.nn.Sequential;
import org.chainrule.nn.Standardization;
import org.chainrule.nn.checkpoint.Checkpoint;
import org.chainrule.nn.checkpoint.CheckpointContents;
import org.chainrule.nn.data.CsvData;
import org.chainrule.nn.data.CsvLoader;
import org.chainrule.nn.data.CsvTable;
import org.chainrule.nn.data.Dataset;
import org.chainrule.nn.data.MnistIdx;
import org.chainrule.nn.data.Playground;
import org.chainrule.nn.loss.Loss;
import org.chainrule.nn.loss.Losses;
import org.chainrule.nn.optim.Adam;
import org.chainrule.nn.optim.Momentum;
import org.chainrule.nn.optim.Optimizer;
import org.chainrule.nn.optim.Sgd;
import org.chainrule.nn.train.EarlyStopping;
import org.chainrule.nn.train.Evaluation;
import org.chainrule.nn.train.Metric;
import org.chainrule.nn.train.Trainer;
import org.chainrule.nn.train.TrainerBuilder;
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
 *
 * <p>A CSV label column of quantities trains a regression ({@code --task regression}): one output,
 * the mean squared error on standardised targets, a fixed last layer that restores the data's
 * units, and a readout and a predicted-vs-true plot in those units. {@code --save} writes the
 * weights with a {@link ModelSpec} and the trainer's state after every epoch, for
 * {@code chainrule predict} and {@code --resume}.
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
                + " deviation; playground points and MNIST pixels (scaled to [0, 1]) are used as they are.",
            "Regression of a CSV column (--task regression): one output, mean squared error on standardised"
                + " targets; the readout (train and test loss, RMSE, test R^2) and the predicted-vs-true plot are in"
                + " the data's units."},
        footer = {"", "Examples:",
            "  chainrule train --dataset circle",
            "  chainrule train --dataset spiral --noise 10%% --hidden 16,16 \\",
            "      --optimizer adam --epochs 300",
            "  chainrule train --csv iris.csv --label species --hidden 8 --optimizer adam",
            "  chainrule train --idx-images train-images-idx3-ubyte.gz \\",
            "      --idx-labels train-labels-idx1-ubyte.gz --train-ratio 0.9 \\",
            "      --hidden 128 --activation relu --optimizer adam --batch 64 --epochs 5",
            "  chainrule train --csv houses.csv --label price --task regression \\",
            "      --ignore id --validation-ratio 0.2 --patience 20 --save price.model",
            "  chainrule train --csv houses.csv --label price --task regression \\",
            "      --ignore id --validation-ratio 0.2 --patience 20 --epochs 200 --resume price.model"})
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
    enum Task {
        CLASSIFICATION("classification"),
        REGRESSION("regression");

        private final String label;

        Task(String label) {
            this.label = label;
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
                description = "The CSV column holding the labels (classes, or the values of a regression); every"
                        + " other column not ignored is a numeric feature.")
        String label;

        @Option(names = "--task", paramLabel = "TASK", order = 5,
                description = "${COMPLETION-CANDIDATES}. Default: classification for name labels and for at most"
                        + " 50 distinct whole numbers; other numeric labels are refused as classes. Regression needs"
                        + " a CSV.")
        Task task;

        @Option(names = "--ignore", paramLabel = "COLUMN", order = 5, split = ",",
                description = "CSV columns to skip, comma-separated (an ID, a name).")
        List<String> ignore = new ArrayList<>();

        @Option(names = "--test-csv", paramLabel = "FILE", order = 5,
                description = "A separate CSV test set with the same columns (matched by name); then nothing is"
                        + " split off for testing.")
        Path testCsv;

        @Option(names = "--idx-images", paramLabel = "FILE", order = 6,
                description = "MNIST-format IDX images (plain or gzipped); with --idx-labels.")
        Path idxImages;

        @Option(names = "--idx-labels", paramLabel = "FILE", order = 7,
                description = "MNIST-format IDX labels (plain or gzipped); with --idx-images.")
        Path idxLabels;

        @Option(names = "--test-idx-images", paramLabel = "FILE", order = 7,
                description = "Separate IDX test images (such as t10k-images-idx3-ubyte.gz); with --test-idx-labels.")
        Path testIdxImages;

        @Option(names = "--test-idx-labels", paramLabel = "FILE", order = 7,
                description = "Separate IDX test labels; with --test-idx-images.")
        Path testIdxLabels;

        @Option(names = "--train-ratio", paramLabel = "FRACTION", order = 8, converter = FractionConverter.class,
                defaultValue = "0.5",
                description = "Without a separate test set, the share of the examples to train on, the rest being the"
                        + " test set: 0.5 or 50%% (default: ${DEFAULT-VALUE}, as in the playground).")
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

        @Option(names = "--validation-ratio", paramLabel = "FRACTION", order = 6, converter = FractionConverter.class,
                defaultValue = "0",
                description = "A share of the training part held out for validation (never the test set), reported"
                        + " each epoch; needed by --patience (default: none).")
        double validationRatio;

        @Option(names = "--patience", paramLabel = "N", order = 7,
                description = "Early stopping: stop after N epochs without a better validation loss and keep the best"
                        + " epoch's weights; needs --validation-ratio.")
        Integer patience;

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
        TrainingRun.checkOutputDirectory(training.outDir);
        TrainingRun.checkOutputFile("--save", training.save);
        TrainingRun.checkOutputFile("--resume", training.resume);
        double learningRate = training.learningRate != null ? training.learningRate
                : training.optimizer.defaultLearningRate;
        PrintWriter out = spec.commandLine().getOut();
        TrainingRun.printProducts(out);

        Data loaded = load();
        Dataset.Split split = loaded.test != null ? new Dataset.Split(loaded.train, loaded.test)
                : loaded.train.split(data.trainRatio, training.seed + 1);
        out.println("data: " + loaded.description + ": " + split.train().size() + " for training, "
                + split.test().size() + " for testing" + (loaded.test != null ? " (the separate test set)" : "")
                + (training.validationRatio > 0 ? ", " + percent(training.validationRatio)
                + " of the training part held out for validation" : ""));

        ModelSpec model = new ModelSpec(loaded.regression, loaded.featureNames, data.label == null ? "label" : data.label,
                List.copyOf(data.ignore), loaded.classNames, hidden, network.activation,
                loaded.standardized ? Standardization.fittedTo(split.train().features()) : null,
                loaded.regression ? Standardization.fittedTo(split.train().targets().matrix()) : null);
        if (training.resume != null) {
            model = resumedModel(model);
        }
        Sequential mlp = model.network(training.seed + 2);
        Layer layers = model.model(mlp);
        Loss loss = loaded.regression ? Losses.MEAN_SQUARED_ERROR
                : model.outputs() == 1 ? Losses.SIGMOID_CROSS_ENTROPY : Losses.SOFTMAX_CROSS_ENTROPY;
        out.println("network: " + architecture(model) + ", " + loss.name() + (loaded.regression
                ? " on standardised targets" : "") + " (" + mlp.parameterCount() + " parameters)");

        Optimizer optimizer = training.optimizer.create(layers, learningRate);
        out.printf(Locale.ROOT, "optimizer: %s, learning rate %s, batches of %d, %d epoch%s, seed %d%n",
                training.optimizer, Tensor.format(learningRate), training.batch, training.epochs,
                training.epochs == 1 ? "" : "s", training.seed);
        TrainerBuilder builder = Trainer.builder(layers, loaded.regression ? org.chainrule.nn.train.Task.regression(loss,
                model.targetScaling()) : org.chainrule.nn.train.Task.classification(loss), optimizer).epochs(training.epochs)
                .batchSize(training.batch).seed(training.seed + 3).validationRatio(training.validationRatio);
        EarlyStopping stopping = null;
        if (training.patience != null) {
            stopping = new EarlyStopping(layers, Metric.LOSS, training.patience);
            builder.listener(stopping);
        }
        Path saveTo = training.save != null ? training.save : training.resume;
        if (saveTo != null) {
            builder.checkpointTo(saveTo, model.metadata(), model.state());
        }
        if (training.resume != null) {
            builder.resumeFrom(training.resume);
            out.println("resuming: " + training.resume);
        }
        TrainingRun.Run run = TrainingRun.run(builder, split, out, !loaded.regression);
        out.flush();
        int ran = run.history().isEmpty() ? 0 : run.history().get(run.history().size() - 1).epoch();
        if (stopping != null) {
            out.println(ran < training.epochs ? "early stopping: no better validation loss for " + training.patience
                    + " epochs; stopped after epoch " + ran + " and restored the weights of epoch "
                    + stopping.bestEpoch()
                    : "early stopping: did not stop; restored the weights of epoch " + stopping.bestEpoch()
                    + ", the best on validation");
        }

        // the part trained on: without the validation part, if one was held out
        Evaluation trained = run.trainer().evaluate(run.trainer().validationSplit(split.train()).train());
        Evaluation tested = run.trainer().evaluate(split.test());
        if (loaded.regression) {
            TrainingRun.printRegressionReadout(out, trained, tested);
        } else {
            TrainingRun.printReadout(out, "", new EpochMetrics(Math.max(1, ran), trained.loss(), trained.accuracy(),
                    tested.loss(), tested.accuracy()));
        }
        if (saveTo != null) {
            saveFinalWeights(saveTo, layers);
            TrainingRun.printFile(out, "model: ", saveTo, model.summary() + "; use with chainrule predict or --resume");
        }
        out.println("pictures:");
        Path curves = TrainingRun.writeCurves(run.history(), training.outDir.resolve("train-curves.png"));
        TrainingRun.printFile(out, "  ", curves, loaded.regression ? "loss and RMSE per epoch"
                : "loss and accuracy per epoch");
        if (loaded.regression) {
            Dataset shown = TrainingRun.shown(split.test());
            Path plot = PredictedVsTrue.writePng(loaded.name + ": test set, predicted against true '"
                    + model.label() + "'", shown.targets().matrix(), layers.predict(shown.features()),
                    training.outDir.resolve("predicted-vs-true.png"), TrainingRun.BOUNDARY_WIDTH,
                    TrainingRun.BOUNDARY_HEIGHT);
            TrainingRun.printFile(out, "  ", plot, "test predictions against the true values, in the data's units"
                    + TrainingRun.shownCaption(split.test()));
        } else if (split.train().featureCount() == 2 && model.outputs() == 1) {
            Path boundary = TrainingRun.writeBoundary(loaded.name + ": P(class 1), test points on top", split.test(),
                    layers, training.outDir.resolve("train-boundary.png"));
            TrainingRun.printFile(out, "  ", boundary, "decision boundary, with the test points"
                    + TrainingRun.shownCaption(split.test()));
        } else {
            int features = split.train().featureCount();
            out.println("  (no decision-boundary picture: it needs 2 features and 2 classes, this data has "
                    + features + " feature" + (features == 1 ? "" : "s") + " and " + model.classNames().size()
                    + " classes)");
        }
        return 0;
    }

    /** The description saved in the file to resume, checked against this run's flags and data. */
    private ModelSpec resumedModel(ModelSpec current) {
        ModelSpec saved = ModelSpec.from(Checkpoint.readContents(training.resume), "--resume " + training.resume);
        if (!current.sameModelAs(saved)) {
            throw new ChainruleException("--resume " + training.resume + ": the file holds a " + saved.summary()
                    + ", but these flags and data make a " + current.summary() + ": resume with the same data and flags");
        }
        return saved;
    }

    /** Rewrites the saved file's weights with the final ones (early stopping may have restored an earlier epoch's). */
    private static void saveFinalWeights(Path file, Layer model) {
        CheckpointContents saved = Checkpoint.readContents(file);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> weights.put(name, p.value()));
        Checkpoint.write(new CheckpointContents(weights, saved.state(), saved.metadata()), file);
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
        boolean testCsv = data.testCsv != null;
        boolean testIdx = data.testIdxImages != null || data.testIdxLabels != null;
        if (testCsv && !csv || testIdx && !idx) {
            throw usage(testCsv ? "--test-csv goes with --csv" : "--test-idx-images/--test-idx-labels go with"
                    + " --idx-images/--idx-labels");
        }
        if (testIdx && (data.testIdxImages == null || data.testIdxLabels == null)) {
            throw usage(data.testIdxImages == null ? "--test-idx-labels needs --test-idx-images FILE"
                    : "--test-idx-images needs --test-idx-labels FILE");
        }
        if ((testCsv || testIdx) && spec.commandLine().getParseResult().hasMatchedOption("--train-ratio")) {
            throw usage("--train-ratio splits one source into training and test parts; with a separate test set"
                    + " nothing is split: leave it out");
        }
        if (data.task == Task.REGRESSION && !csv) {
            throw usage("--task regression needs a CSV file (--csv FILE --label COLUMN) whose label column holds numbers");
        }
        if (!data.ignore.isEmpty() && !csv) {
            throw usage("--ignore names CSV columns; it needs --csv");
        }
        if (data.label != null && data.ignore.contains(data.label)) {
            throw usage("--ignore names the label column '" + data.label + "'");
        }
        if (!(training.validationRatio >= 0 && training.validationRatio < 1)) {
            throw usage("--validation-ratio must lie in [0, 1) (0% to below 100%), got "
                    + Tensor.format(training.validationRatio));
        }
        if (training.patience != null && training.patience < 1) {
            throw usage("--patience must be at least 1, got " + training.patience);
        }
        if (training.patience != null && training.validationRatio == 0) {
            throw usage("--patience needs --validation-ratio: early stopping watches a validation part of the training"
                    + " data, never the test set");
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

    /**
     * The examples (with a separate test set, or null to split one off), what to call them,
     * the feature and class names, whether the network standardises the features, and the task.
     */
    private record Data(Dataset train, Dataset test, String name, String description, List<String> featureNames,
                        List<String> classNames, boolean standardized, boolean regression) {
    }

    private Data load() {
        if (data.dataset != null) {
            Dataset points = Playground.generate(data.dataset.kind, data.examples, data.noise, training.seed);
            return new Data(points, null, data.dataset.label, data.dataset.label + ", " + data.examples
                    + " points, noise " + percent(data.noise), List.of("x1", "x2"), List.of("0", "1"), false, false);
        }
        if (data.csv != null) {
            return loadCsv();
        }
        Dataset images = MnistIdx.load(data.idxImages, data.idxLabels);
        Dataset test = null;
        if (data.testIdxImages != null) {
            test = MnistIdx.load(data.testIdxImages, data.testIdxLabels);
            if (test.featureCount() != images.featureCount()) {
                throw new ChainruleException("--test-idx-images " + data.testIdxImages + ": images of "
                        + test.featureCount() + " pixels, but the training images have " + images.featureCount());
            }
        }
        List<String> pixels = new ArrayList<>();
        for (int i = 0; i < images.featureCount(); i++) {
            pixels.add("pixel" + i);
        }
        List<String> digits = new ArrayList<>();
        for (int k = 0; k < MnistIdx.CLASSES; k++) {
            digits.add(Integer.toString(k));
        }
        return new Data(images, test, "MNIST", data.idxImages.getFileName() + ", " + images.size() + " images of "
                + images.featureCount() + " pixels, " + images.classes() + " classes", pixels, digits, false, false);
    }

    private Data loadCsv() {
        boolean regression = data.task == Task.REGRESSION;
        CsvTable table = CsvLoader.table(data.csv, data.label, true, data.ignore);
        CsvData train = regression ? CsvLoader.regression(table) : CsvLoader.classification(table, null);
        Dataset test = null;
        if (data.testCsv != null) {
            CsvTable t = CsvLoader.table(data.testCsv, data.label, true, data.ignore);
            CsvTable lined = new CsvTable(t.file(), table.featureNames(), t.select(table.featureNames()),
                    t.labelColumn(), t.labels());
            test = (regression ? CsvLoader.regression(lined) : CsvLoader.classification(lined, train.classNames()))
                    .dataset();
        }
        Dataset rows = train.dataset();
        String name = String.valueOf(data.csv.getFileName());
        String features = rows.featureCount() + " feature" + (rows.featureCount() == 1 ? "" : "s") + " "
                + train.featureNames() + " standardised"
                + (data.ignore.isEmpty() ? "" : ", ignoring " + data.ignore);
        String what = regression ? "regression of '" + data.label + "' (standardised for training)"
                : rows.classes() + " classes " + train.classNames();
        return new Data(rows, test, name, name + ", " + rows.size() + " rows, " + features + ", " + what,
                train.featureNames(), train.classNames(), true, regression);
    }

    /** E.g. {@code 2 inputs -> 6 tanh -> 6 tanh -> 1 score}. */
    private String architecture(ModelSpec model) {
        StringBuilder sb = new StringBuilder().append(model.featureNames().size()).append(" inputs");
        for (int width : model.hidden()) {
            sb.append(" -> ").append(width).append(' ').append(model.activation());
        }
        return sb.append(" -> ").append(model.regression() ? "1 value" : model.outputs() == 1 ? "1 score"
                : model.outputs() + " scores").toString();
    }

    private static String percent(double fraction) {
        return Tensor.format(100 * fraction) + "%";
    }
}
