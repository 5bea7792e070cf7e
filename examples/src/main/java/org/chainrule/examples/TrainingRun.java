package org.chainrule.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Products;
import org.chainrule.examples.plot.DecisionBoundary;
import org.chainrule.examples.plot.Predictor;
import org.chainrule.examples.plot.TrainingCurves;
import org.chainrule.examples.progress.EpochMetrics;
import org.chainrule.examples.progress.ProgressListener;
import org.chainrule.examples.progress.ProgressReporter;
import org.chainrule.graph.Graph;
import org.chainrule.nn.Layer;
import org.chainrule.nn.data.Dataset;
import org.chainrule.core.Tensor;
import org.chainrule.nn.train.Evaluation;
import org.chainrule.nn.train.Task;
import org.chainrule.nn.train.Trainer;
import org.chainrule.nn.train.TrainerBuilder;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * What {@code chainrule train} and {@code chainrule demo} share: training with live progress,
 * the playground's readout, the pictures, and the lines that say where things are.
 */
final class TrainingRun {
    /** How many points a picture's predictor evaluates at once. */
    static final int PICTURE_CHUNK = 256;

    /** The learning-curve picture's size in pixels. */
    static final int CURVES_WIDTH = 900;
    static final int CURVES_HEIGHT = 360;
    /** The decision-boundary picture's size in pixels (the colour bar included). */
    static final int BOUNDARY_WIDTH = 700;
    /** The most examples a picture draws as dots. */
    static final int MAX_POINTS = 1500;
    static final int BOUNDARY_HEIGHT = 600;

    private TrainingRun() {
    }

    /**
     * Prints which implementation computes large matrix products in this JVM.
     *
     * @param out where to print.
     */
    static void printProducts(PrintWriter out) {
        out.println("products: " + Products.backend() + " for large products, Java loops for small ones");
    }

    /**
     * Trains and evaluates after every epoch, showing progress on {@code out}: a live bar on a
     * terminal, plain lines otherwise. The bar is closed also when training fails.
     *
     * @param trainer the configured trainer; a progress listener is added to it. Modified.
     * @param data the training and test sets.
     * @param out the command's output.
     * @return every epoch's metrics, in order.
     */
    static List<EpochMetrics> fit(TrainerBuilder trainer, Dataset.Split data, PrintWriter out) {
        try (ProgressListener progress = new ProgressListener(ProgressReporter.forOutput(out))) {
            trainer.listener(progress).build().fit(data.train(), data.test());
            return List.copyOf(progress.history());
        }
    }

    /**
     * A finished run: the trainer, for evaluating the final weights, and every epoch's metrics.
     *
     * @param trainer the trainer that ran.
     * @param history every epoch's metrics, in order.
     */
    record Run(Trainer trainer, List<EpochMetrics> history) {
    }

    /**
     * Trains like {@link #fit}, for a classifier or a regression, and keeps the trainer.
     *
     * @param trainer the configured trainer; a progress listener is added to it. Modified.
     * @param data the training and test sets.
     * @param out the command's output.
     * @param classification false for a regression (no batch accuracy to show).
     * @return the trainer and every epoch's metrics.
     */
    static Run run(TrainerBuilder trainer, Dataset.Split data, PrintWriter out, boolean classification) {
        try (ProgressListener progress = new ProgressListener(ProgressReporter.forOutput(out), classification)) {
            Trainer built = trainer.listener(progress).build();
            built.fit(data.train(), data.test());
            return new Run(built, List.copyOf(progress.history()));
        }
    }

    /**
     * Prints the playground's readout of the last epoch, one labelled line each:
     * {@code train loss}, {@code test loss}, {@code train accuracy}, {@code test accuracy}, as
     * a classification's {@link Task#readout} words them.
     *
     * @param out where to print.
     * @param indent the prefix of every line.
     * @param last the last epoch's metrics.
     */
    static void printReadout(PrintWriter out, String indent, EpochMetrics last) {
        Task.forClasses(2).readout(new Evaluation(last.trainLoss(), last.trainAccuracy()),
                new Evaluation(last.testLoss(), last.testAccuracy())).forEach(line -> out.println(indent + line));
    }

    /**
     * The probability of class 1 that a one-score network gives each point: sigmoid of its
     * score, computed {@value #PICTURE_CHUNK} points at a time, so that a wide network's
     * activations for a picture's 40,000 grid points need not fit in memory at once.
     *
     * @param scores the network, one score per row.
     * @return the predictor.
     */
    static Predictor probabilityOfClassOne(Layer scores) {
        return points -> {
            DMatrixRMaj all = points.matrixView();
            DMatrixRMaj probabilities = new DMatrixRMaj(all.numRows, 1);
            for (int from = 0; from < all.numRows; from += PICTURE_CHUNK) {
                int to = Math.min(all.numRows, from + PICTURE_CHUNK);
                Tensor chunk = Tensor.adopt(CommonOps_DDRM.extract(all, from, to, 0, all.numCols));
                Tensor p = scores.apply(new Graph().input("points", chunk)).sigmoid().value();
                for (int i = 0; i < p.rows(); i++) {
                    probabilities.unsafe_set(from + i, 0, p.get(i, 0));
                }
            }
            return Tensor.adopt(probabilities);
        };
    }

    /**
     * Checks, before any work starts, that a run can write its pictures: the directory is
     * created if missing, and a file is written into it and removed. A long run is then never
     * lost to a typo in a path.
     *
     * @param outDir the directory the pictures go to.
     * @throws ChainruleException naming {@code --out} and the path, if it cannot be written.
     */
    static void checkOutputDirectory(Path outDir) {
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new ChainruleException("--out " + outDir + ": cannot create the directory (" + e + "); nothing was run");
        }
        probe(outDir, "--out " + outDir);
    }

    /**
     * Checks, before any work starts, that a file a run will write can be written: its
     * directory exists and takes a file, and the file is not a directory.
     *
     * @param option the option that named it, for the message, e.g. {@code "--save"}.
     * @param file the file, or null (nothing to check).
     * @throws ChainruleException naming the option and the path, if it cannot be written.
     */
    static void checkOutputFile(String option, Path file) {
        if (file == null) {
            return;
        }
        String what = option + " " + file;
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || Files.isDirectory(file)) {
            throw new ChainruleException(what + ": is a directory, not a file; nothing was run");
        }
        if (!Files.isDirectory(parent)) {
            throw new ChainruleException(what + ": its directory " + parent + " does not exist; nothing was run");
        }
        probe(parent, what);
    }

    /** Writes and removes a file in {@code directory}, or says in one line why it cannot. */
    private static void probe(Path directory, String what) {
        try {
            Files.delete(Files.createTempFile(directory, ".chainrule-write-check", ".tmp"));
        } catch (IOException e) {
            throw new ChainruleException(what + ": cannot write there (" + e + "); nothing was run");
        }
    }

    /**
     * Writes the loss and accuracy curves.
     *
     * @param history every epoch's metrics.
     * @param file the PNG to write.
     * @return the file.
     */
    static Path writeCurves(List<EpochMetrics> history, Path file) {
        return TrainingCurves.writePng(history, file, CURVES_WIDTH, CURVES_HEIGHT);
    }

    /**
     * Writes what a one-score network has learned over the plane, with points on top.
     *
     * @param title the picture's title.
     * @param points two-feature, two-class points to show.
     * @param scores the network.
     * @param file the PNG to write.
     * @return the file.
     */
    static Path writeBoundary(String title, Dataset points, Layer scores, Path file) {
        return DecisionBoundary.writePng(title, shown(points), probabilityOfClassOne(scores), file, BOUNDARY_WIDTH,
                BOUNDARY_HEIGHT);
    }

    /**
     * The examples a picture shows: all of them up to {@value #MAX_POINTS}, otherwise that many
     * evenly spaced through the set (the test set is already shuffled, so they are a fair
     * sample). More dots only blot the picture out, and a million of them would take the
     * memory and minutes that the training needed.
     *
     * @param points the examples.
     * @return {@code points}, or a sample of {@value #MAX_POINTS} of them.
     */
    static Dataset shown(Dataset points) {
        if (points.size() <= MAX_POINTS) {
            return points;
        }
        int[] rows = new int[MAX_POINTS];
        for (int i = 0; i < MAX_POINTS; i++) {
            rows[i] = (int) ((long) i * points.size() / MAX_POINTS);
        }
        return points.subset(rows);
    }

    /**
     * How a picture's caption says it shows a sample: {@code ""} when it shows every example.
     *
     * @param points the examples the picture is about.
     * @return {@code "; 1500 of 1600000 test examples shown"}, or empty.
     */
    static String shownCaption(Dataset points) {
        return points.size() <= MAX_POINTS ? "" : "; " + MAX_POINTS + " of " + points.size() + " test examples shown";
    }

    /**
     * Prints a written file's full path and what it shows.
     *
     * @param out where to print.
     * @param indent the prefix of the line.
     * @param file the file.
     * @param what what it shows.
     */
    static void printFile(PrintWriter out, String indent, Path file, String what) {
        out.println(indent + file.toAbsolutePath().normalize() + "  (" + what + ")");
    }
}
