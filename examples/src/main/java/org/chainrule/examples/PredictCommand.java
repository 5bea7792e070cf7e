package org.chainrule.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Elementwise;
import org.chainrule.core.Tensor;
import org.chainrule.nn.Layer;
import org.chainrule.nn.Sequential;
import org.chainrule.nn.checkpoint.Checkpoint;
import org.chainrule.nn.checkpoint.CheckpointContents;
import org.chainrule.nn.data.CsvLoader;
import org.chainrule.nn.data.CsvTable;
import org.chainrule.nn.data.DataFileException;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule predict}: applies a model saved by {@code chainrule train --save} to the rows
 * of a CSV file and writes a CSV of predictions, one line per row in order: for a classifier
 * the predicted class and each class's probability ({@code sigmoid} of a binary score, the
 * softmax of several), for a regression the value in the data's units.
 *
 * <p>Columns are matched by header name, so their order may differ from the training file's;
 * the label column may be present (it is skipped), as may the columns ignored in training; a
 * file that lacks a feature column, or has a column the model does not know, is refused.
 */
@Command(name = "predict",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Apply a model saved by 'chainrule train --save FILE' to a CSV file and write a CSV of"
                + " predictions: the class and its probabilities, or the predicted value in the data's units.",
            "Columns are matched by header name; the label column and the columns ignored in training may be present."},
        footer = {"", "Examples:",
            "  chainrule train --csv houses.csv --label price --task regression --save price.model",
            "  chainrule predict --model price.model --csv new-houses.csv --out predictions.csv"})
public final class PredictCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, order = 1,
            description = "A model saved by chainrule train --save.")
    private Path modelFile;

    @Option(names = "--csv", paramLabel = "FILE", required = true, order = 2,
            description = "The rows to predict, with a header naming the columns.")
    private Path csv;

    @Option(names = "--out", paramLabel = "FILE", order = 3,
            description = "Where to write the predictions (default: standard output).")
    private Path outFile;

    /** Creates the command; picocli calls this. */
    public PredictCommand() {
    }

    /**
     * Predicts.
     *
     * @return 0.
     * @throws ChainruleException if the model file or the CSV is rejected.
     */
    @Override
    public Integer call() {
        TrainingRun.checkOutputFile("--out", outFile);
        CheckpointContents contents = Checkpoint.readContents(modelFile);
        ModelSpec model = ModelSpec.from(contents, "--model " + modelFile);
        Sequential network = model.network(0);
        Checkpoint.assign(network.parameters(), contents.parameters(), "--model " + modelFile);
        Layer layers = model.model(network);

        CsvTable table = CsvLoader.table(csv, model.label(), false, model.ignored());
        Tensor predictions = layers.predict(table.select(model.featureNames()));
        if (outFile == null) {
            PrintWriter out = spec.commandLine().getOut();
            write(out, model, predictions);
            out.flush();
        } else {
            try (Writer file = Files.newBufferedWriter(outFile, StandardCharsets.UTF_8)) {
                write(file, model, predictions);
            } catch (IOException e) {
                throw new DataFileException(outFile, "cannot be written: " + e, e);
            }
            spec.commandLine().getOut().println("predictions: " + predictions.rows() + " rows of " + csv.getFileName()
                    + " by the " + model.summary() + " -> " + outFile.toAbsolutePath().normalize());
        }
        return 0;
    }

    /** The header and one line per row. */
    private static void write(Writer out, ModelSpec model, Tensor predictions) {
        StringBuilder sb = new StringBuilder();
        List<String> classes = model.classNames();
        if (model.regression()) {
            sb.append(field("predicted " + model.label())).append('\n');
        } else {
            sb.append("predicted");
            for (String name : classes) {
                sb.append(',').append(field("p(" + name + ")"));
            }
            sb.append('\n');
        }
        DMatrixRMaj y = predictions.matrixView();
        double[] p = new double[classes.size()];
        for (int i = 0; i < y.numRows; i++) {
            if (model.regression()) {
                sb.append(Double.toString(y.unsafe_get(i, 0))).append('\n');
                continue;
            }
            probabilities(y, i, p);
            int best = 0;
            for (int k = 1; k < p.length; k++) {
                best = p[k] > p[best] ? k : best;
            }
            sb.append(field(classes.get(best)));
            for (double v : p) {
                sb.append(',').append(Double.toString(v));
            }
            sb.append('\n');
        }
        try {
            out.write(sb.toString());
        } catch (IOException e) {
            throw new ChainruleException("predict: cannot write the predictions: " + e, e);
        }
    }

    /** Row {@code i}'s class probabilities: {@code [1 - s, s]} with {@code s = sigmoid(score)}, or a stable softmax. */
    private static void probabilities(DMatrixRMaj scores, int i, double[] p) {
        if (scores.numCols == 1) {
            double s = Elementwise.sigmoid(scores.unsafe_get(i, 0));
            p[0] = 1 - s;
            p[1] = s;
            return;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < p.length; k++) {
            max = Math.max(max, scores.unsafe_get(i, k));
        }
        double sum = 0;
        for (int k = 0; k < p.length; k++) {
            p[k] = Math.exp(scores.unsafe_get(i, k) - max);
            sum += p[k];
        }
        for (int k = 0; k < p.length; k++) {
            p[k] /= sum;
        }
    }

    /** A CSV field, quoted when it holds a comma, a quote or surrounding spaces. */
    private static String field(String text) {
        boolean quote = text.contains(",") || text.contains("\"") || !text.equals(text.strip());
        return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
