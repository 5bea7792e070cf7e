package org.chainrule.examples;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.examples.plot.PredictedVsTrue;
import org.chainrule.nn.Layer;
import org.chainrule.nn.Sequential;
import org.chainrule.nn.Standardization;
import org.chainrule.nn.checkpoint.Checkpoint;
import org.chainrule.nn.checkpoint.CheckpointContents;
import org.chainrule.nn.data.Dataset;
import org.chainrule.nn.optim.Optimizer;
import org.chainrule.nn.train.EarlyStopping;
import org.chainrule.nn.train.Evaluation;
import org.chainrule.nn.train.Metric;
import org.chainrule.nn.train.Task;
import org.chainrule.nn.train.Trainer;
import org.chainrule.nn.train.TrainerBuilder;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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
 *
 * <p>The options are {@link TrainOptions}, validated by picocli as they are parsed; this class
 * checks the few rules across options picocli cannot express, reads the data
 * ({@link TrainingData}), and trains the {@link Task} the model describes.
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
public final class TrainCommand implements Callable<Integer>, Main.ExplainsUsageErrors {
    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "%nData (exactly one source):%n", order = 1)
    TrainOptions.Source source;

    @ArgGroup(validate = false, heading = "%nTask and test part:%n", order = 2)
    TrainOptions.Split split = new TrainOptions.Split();

    @ArgGroup(validate = false, heading = "%nNetwork:%n", order = 3)
    TrainOptions.Network network = new TrainOptions.Network();

    @ArgGroup(validate = false, heading = "%nTraining and output:%n", order = 4)
    TrainOptions.Training training = new TrainOptions.Training();

    /** Creates the command; picocli calls this. */
    public TrainCommand() {
    }

    @Override
    public String explain(ParameterException e) {
        return TrainUsage.explain(e);
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
        checkAcrossOptions();
        TrainingRun.checkOutputDirectory(training.outDir);
        TrainingRun.checkOutputFile("--save", training.save);
        TrainingRun.checkOutputFile("--resume", training.resume);
        PrintWriter out = spec.commandLine().getOut();
        TrainingRun.printProducts(out);

        TrainingData loaded = TrainingData.load(source, split.task, training.seed);
        Dataset.Split parts = loaded.test() != null ? new Dataset.Split(loaded.train(), loaded.test())
                : loaded.train().split(split.trainRatio, training.seed + 1);
        out.println("data: " + loaded.description() + ": " + parts.train().size() + " for training, "
                + parts.test().size() + " for testing" + (loaded.test() != null ? " (the separate test set)" : "")
                + (training.validationRatio > 0 ? ", " + TrainingData.percent(training.validationRatio)
                + " of the training part held out for validation" : ""));

        ModelSpec model = new ModelSpec(loaded.regression(), loaded.featureNames(), source.csv == null ? "label"
                : source.csv.label, source.csv == null ? List.of() : List.copyOf(source.csv.ignore),
                loaded.classNames(), network.hidden, network.activation,
                loaded.standardized() ? Standardization.fittedTo(parts.train().features()) : null,
                loaded.regression() ? Standardization.fittedTo(parts.train().targets().matrix()) : null);
        if (training.resume != null) {
            model = resumedModel(model);
        }
        Sequential mlp = model.network(training.seed + 2);
        Layer layers = model.model(mlp);
        Task task = model.task();
        out.println("network: " + architecture(model) + ", " + task.loss().name() + (model.targetScaling() != null
                ? " on standardised targets" : "") + " (" + mlp.parameterCount() + " parameters)");

        double learningRate = training.rate();
        Optimizer optimizer = training.optimizer.create(layers, learningRate);
        out.printf(Locale.ROOT, "optimizer: %s, learning rate %s, batches of %d, %d epoch%s, seed %d%n",
                training.optimizer, Tensor.format(learningRate), training.batch, training.epochs,
                training.epochs == 1 ? "" : "s", training.seed);
        TrainerBuilder builder = Trainer.builder(layers, task, optimizer).epochs(training.epochs)
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
        TrainingRun.Run run = TrainingRun.run(builder, parts, out, task.isClassification());
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
        Evaluation trained = run.trainer().evaluate(run.trainer().validationSplit(parts.train()).train());
        Evaluation tested = run.trainer().evaluate(parts.test());
        task.readout(trained, tested).forEach(out::println);
        if (saveTo != null) {
            saveFinalWeights(saveTo, layers);
            TrainingRun.printFile(out, "model: ", saveTo, model.summary() + "; use with chainrule predict or --resume");
        }
        writePictures(out, run, loaded, parts, model, layers);
        return 0;
    }

    /** The learning curves, and the predicted-vs-true plot of a regression or a two-feature classifier's boundary. */
    private void writePictures(PrintWriter out, TrainingRun.Run run, TrainingData loaded, Dataset.Split parts,
                               ModelSpec model, Layer layers) {
        out.println("pictures:");
        Path curves = TrainingRun.writeCurves(run.history(), training.outDir.resolve("train-curves.png"));
        TrainingRun.printFile(out, "  ", curves, model.regression() ? "loss and RMSE per epoch"
                : "loss and accuracy per epoch");
        if (model.regression()) {
            Dataset shown = TrainingRun.shown(parts.test());
            Path plot = PredictedVsTrue.writePng(loaded.name() + ": test set, predicted against true '"
                    + model.label() + "'", shown.targets().matrix(), layers.predict(shown.features()),
                    training.outDir.resolve("predicted-vs-true.png"), TrainingRun.BOUNDARY_WIDTH,
                    TrainingRun.BOUNDARY_HEIGHT);
            TrainingRun.printFile(out, "  ", plot, "test predictions against the true values, in the data's units"
                    + TrainingRun.shownCaption(parts.test()));
        } else if (parts.train().featureCount() == 2 && model.outputs() == 1) {
            Path boundary = TrainingRun.writeBoundary(loaded.name() + ": P(class 1), test points on top",
                    parts.test(), layers, training.outDir.resolve("train-boundary.png"));
            TrainingRun.printFile(out, "  ", boundary, "decision boundary, with the test points"
                    + TrainingRun.shownCaption(parts.test()));
        } else {
            int features = parts.train().featureCount();
            out.println("  (no decision-boundary picture: it needs 2 features and 2 classes, this data has "
                    + features + " feature" + (features == 1 ? "" : "s") + " and " + model.classNames().size()
                    + " classes)");
        }
    }

    /**
     * The rules across options that picocli's groups cannot express, with their one-line
     * messages: a regression needs a CSV, a separate test set leaves nothing to split, the label
     * is not ignored, and early stopping needs a validation part.
     */
    private void checkAcrossOptions() {
        boolean separateTest = source.csv != null && source.csv.testCsv != null
                || source.idx != null && source.idx.test != null;
        if (separateTest && spec.commandLine().getParseResult().hasMatchedOption("--train-ratio")) {
            throw usage("--train-ratio splits one source into training and test parts; with a separate test set"
                    + " nothing is split: leave it out");
        }
        if (split.task == TrainOptions.TaskChoice.REGRESSION && source.csv == null) {
            throw usage("--task regression needs a CSV file (--csv FILE --label COLUMN) whose label column holds numbers");
        }
        if (source.csv != null && source.csv.ignore.contains(source.csv.label)) {
            throw usage("--ignore names the label column '" + source.csv.label + "'");
        }
        if (training.patience != null && training.validationRatio == 0) {
            throw usage("--patience needs --validation-ratio: early stopping watches a validation part of the training"
                    + " data, never the test set");
        }
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

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** E.g. {@code 2 inputs -> 6 tanh -> 6 tanh -> 1 score}. */
    private static String architecture(ModelSpec model) {
        StringBuilder sb = new StringBuilder().append(model.featureNames().size()).append(" inputs");
        for (int width : model.hidden()) {
            sb.append(" -> ").append(width).append(' ').append(model.activation());
        }
        return sb.append(" -> ").append(model.regression() ? "1 value" : model.outputs() == 1 ? "1 score"
                : model.outputs() + " scores").toString();
    }
}
