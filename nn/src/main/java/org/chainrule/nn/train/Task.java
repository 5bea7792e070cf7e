package org.chainrule.nn.train;

import java.util.List;
import java.util.Locale;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Node;
import org.chainrule.nn.Standardization;
import org.chainrule.nn.data.Dataset;
import org.chainrule.nn.data.Targets;
import org.chainrule.nn.loss.Loss;
import org.chainrule.nn.loss.Losses;
import org.ejml.data.DMatrixRMaj;

/**
 * What a model is trained to do, {@link Classification} or {@link Regression}: the loss and
 * the targets it compares with, the metrics an evaluation measures, and the readout. The
 * {@link Trainer} trains and evaluates through it, and a command line chooses its loss, its
 * progress and its readout from it. Immutable.
 * <ul>
 * <li><b>Classification</b> trains a one-column output against the {@code m x 1} column of 0/1
 *     labels (two classes) and a wider one against one-hot rows; predictions become classes as
 *     the loss says ({@link Loss#predictions()}): a one-column probability at least 0.5 or
 *     score at least 0 means class 1, with several columns the largest column wins. Metrics:
 *     loss and accuracy.</li>
 * <li><b>Regression</b> trains against the value targets as they are, or standardised: with a
 *     target {@link Standardization}, the model ends in {@link Standardization#restoring()} so
 *     that its output is in the data's units, and the training loss compares
 *     {@code (y - mu) / sigma} with the standardised targets. Metrics, in the data's units:
 *     loss, RMSE and R^2.</li>
 * </ul>
 * A task may train on an {@link Objective} that reads the model's inputs as well
 * ({@link #withObjective}); evaluations still report the task's loss.
 */
public abstract sealed class Task permits Task.Classification, Task.Regression {
    private final Loss loss;
    private final Objective objective;

    private Task(Loss loss, Objective objective) {
        this.loss = ChainruleException.requireNonNull(loss, "task: loss");
        this.objective = objective;
    }

    /**
     * A classification with the given loss.
     *
     * @param loss the loss, such as {@link Losses#SOFTMAX_CROSS_ENTROPY}.
     * @return the task.
     * @throws ChainruleException if {@code loss} is null.
     */
    public static Task classification(Loss loss) {
        return new Classification(loss, null);
    }

    /**
     * A classification into {@code classes} classes with the usual output and loss: for two
     * classes one score per example and {@link Losses#SIGMOID_CROSS_ENTROPY}, for more one score
     * per class and {@link Losses#SOFTMAX_CROSS_ENTROPY}.
     *
     * @param classes at least 2.
     * @return the task.
     * @throws ChainruleException if {@code classes} is less than 2.
     */
    public static Task forClasses(int classes) {
        if (classes < 2) {
            throw new ChainruleException("task: a classification needs at least 2 classes, got " + classes);
        }
        return classification(classes == 2 ? Losses.SIGMOID_CROSS_ENTROPY : Losses.SOFTMAX_CROSS_ENTROPY);
    }

    /**
     * A regression on the targets as they are.
     *
     * @param loss the loss, such as {@link Losses#MEAN_SQUARED_ERROR}.
     * @return the task.
     * @throws ChainruleException if {@code loss} is null.
     */
    public static Task regression(Loss loss) {
        return new Regression(loss, null, null);
    }

    /**
     * A regression trained on standardised targets (the model ends in
     * {@code targetScaling.restoring()}); reports stay in the data's units.
     *
     * @param loss the loss, such as {@link Losses#MEAN_SQUARED_ERROR}.
     * @param targetScaling the targets' statistics, usually
     *     {@code Standardization.fittedTo(train.targets().matrix())}.
     * @return the task.
     * @throws ChainruleException if an argument is null.
     */
    public static Task regression(Loss loss, Standardization targetScaling) {
        return new Regression(loss, ChainruleException.requireNonNull(targetScaling, "task: target standardization"),
                null);
    }

    /**
     * The task the targets call for: a classification for classes, a regression (not
     * standardised) for values.
     *
     * @param loss the loss.
     * @param targets the targets.
     * @return the task.
     * @throws ChainruleException if an argument is null.
     */
    public static Task of(Loss loss, Targets targets) {
        return ChainruleException.requireNonNull(targets, "task: targets").isClassification()
                ? classification(loss) : regression(loss);
    }

    /**
     * The loss.
     *
     * @return the loss of the prediction against the target.
     */
    public final Loss loss() {
        return loss;
    }

    /**
     * The same task training on another objective.
     *
     * @param newObjective what training minimises, recorded from the batch's nodes.
     * @return a new task; this one is unchanged.
     * @throws ChainruleException if {@code newObjective} is null.
     */
    public abstract Task withObjective(Objective newObjective);

    /**
     * Whether this is a classification.
     *
     * @return true for {@link Classification}.
     */
    public abstract boolean isClassification();

    /**
     * The figures an evaluation of this task measures.
     *
     * @return {@code LOSS, ACCURACY} or {@code LOSS, RMSE, R_SQUARED}.
     */
    public abstract List<Metric> metrics();

    /**
     * The readout of a finished run, one labelled line each: for a classification the loss and
     * the accuracy of the training and the test set; for a regression the losses and RMSEs,
     * and the test R^2, in the data's units.
     *
     * @param train the training set's evaluation.
     * @param test the test set's evaluation.
     * @return the lines, without line ends.
     * @throws ChainruleException if an argument is null.
     */
    public abstract List<String> readout(Evaluation train, Evaluation test);

    /** The output width {@code model} gives, checked against the data's targets; the message names what does not fit. */
    abstract int checkOutputs(int outputs, Dataset data);

    /** The targets as the reported loss sees them: in the data's units. */
    abstract Tensor targets(Dataset batch, int outputs);

    /** The targets as the training loss sees them. */
    Tensor trainingTargets(Dataset batch, int outputs) {
        return targets(batch, outputs);
    }

    /** The output as the training loss sees it. */
    Node trainingPrediction(Node output) {
        return output;
    }

    /** A running evaluation over the chunks of {@code data}. */
    abstract Tally tally(Dataset data, int outputs);

    /** How many rows of a prediction name their example's label (0 for a regression). */
    long correct(Node prediction, Dataset batch) {
        return 0;
    }

    /**
     * Records the training objective of a batch: the loss of the prediction (standardised, if
     * the task says so) against the training targets, or the task's objective over them.
     */
    final Node trainingObjective(List<Node> inputs, Node output, Tensor targets) {
        Node prediction = trainingPrediction(output);
        Node target = output.graph().constant("T", targets);
        Node lossNode = loss.apply(prediction, target);
        if (objective == null) {
            return lossNode;
        }
        Node value = ChainruleException.requireNonNull(objective.apply(new Objective.Batch(inputs, output,
                prediction, target, lossNode)), "task: the objective's node");
        if (value.graph() != lossNode.graph() || value.shape().rows() != 1 || value.shape().cols() != 1) {
            throw new ChainruleException("task: the objective must be a 1x1 node in the batch's graph, got "
                    + value.shape() + (value.graph() != lossNode.graph() ? " in another graph" : ""));
        }
        return value;
    }

    /** Adds a batch's loss to a running total: summed, or weighted by the batch's rows. */
    final double accumulate(double total, double batchLoss, int rows) {
        return loss.reduction() == Loss.Reduction.SUM ? total + batchLoss : total + batchLoss * rows;
    }

    /** The loss of a whole set from its running total. */
    final double finish(double total, int examples) {
        return loss.reduction() == Loss.Reduction.SUM ? total : total / examples;
    }

    /** An evaluation built chunk by chunk. */
    abstract static class Tally {
        /** Adds a chunk starting at row {@code from}: its prediction and its loss. */
        abstract void add(int from, Dataset chunk, Node prediction, double chunkLoss);

        /** The evaluation of the whole set. */
        abstract Evaluation result();
    }

    /** Classes: loss and accuracy. */
    public static final class Classification extends Task {
        private Classification(Loss loss, Objective objective) {
            super(loss, objective);
        }

        @Override
        public Task withObjective(Objective newObjective) {
            return new Classification(loss(), ChainruleException.requireNonNull(newObjective, "task: objective"));
        }

        @Override
        public boolean isClassification() {
            return true;
        }

        @Override
        public List<Metric> metrics() {
            return List.of(Metric.LOSS, Metric.ACCURACY);
        }

        @Override
        public List<String> readout(Evaluation train, Evaluation test) {
            ChainruleException.requireNonNull(train, "task: training evaluation");
            ChainruleException.requireNonNull(test, "task: test evaluation");
            return List.of(String.format(Locale.ROOT, "train loss      %.4f", train.loss()),
                    String.format(Locale.ROOT, "test loss       %.4f", test.loss()),
                    String.format(Locale.ROOT, "train accuracy  %.1f%%", 100 * train.accuracy()),
                    String.format(Locale.ROOT, "test accuracy   %.1f%%", 100 * test.accuracy()));
        }

        @Override
        int checkOutputs(int outputs, Dataset data) {
            Targets targets = data.targets();
            if (!targets.isClassification()) {
                throw new ChainruleException("trainer: a classification task needs class targets, but these are "
                        + targets);
            }
            if (outputs == 1 && data.classes() != 2) {
                throw new ChainruleException("trainer: the model has 1 output column, which makes a binary classifier,"
                        + " but the data has " + data.classes() + " classes: give the model one output per class");
            }
            if (outputs > 1 && outputs != data.classes()) {
                throw new ChainruleException("trainer: the model has " + outputs + " output columns but the data has "
                        + data.classes() + " classes: a classifier needs one output per class (or one for two"
                        + " classes)");
            }
            return outputs;
        }

        @Override
        Tensor targets(Dataset batch, int outputs) {
            return outputs == 1 ? batch.binaryTargets() : batch.oneHotTargets();
        }

        @Override
        long correct(Node prediction, Dataset batch) {
            DMatrixRMaj predictions = prediction.value().matrixView();
            double threshold = loss().predictions() == Loss.Predictions.SCORES ? 0.0 : 0.5;
            int cols = predictions.numCols;
            long correct = 0;
            for (int r = 0; r < predictions.numRows; r++) {
                int predicted;
                if (cols == 1) {
                    predicted = predictions.data[r] >= threshold ? 1 : 0;
                } else {
                    predicted = 0;
                    for (int c = 1; c < cols; c++) {
                        if (predictions.data[r * cols + c] > predictions.data[r * cols + predicted]) {
                            predicted = c;
                        }
                    }
                }
                correct += predicted == batch.label(r) ? 1 : 0;
            }
            return correct;
        }

        @Override
        Tally tally(Dataset data, int outputs) {
            int examples = data.size();
            return new Tally() {
                private double total;
                private long correct;

                @Override
                void add(int from, Dataset chunk, Node prediction, double chunkLoss) {
                    total = accumulate(total, chunkLoss, chunk.size());
                    correct += correct(prediction, chunk);
                }

                @Override
                Evaluation result() {
                    return new Evaluation(finish(total, examples), (double) correct / examples);
                }
            };
        }
    }

    /** Values: loss, RMSE and R^2 in the data's units, trained on standardised targets if asked. */
    public static final class Regression extends Task {
        private final Standardization targetScaling;

        private Regression(Loss loss, Standardization targetScaling, Objective objective) {
            super(loss, objective);
            this.targetScaling = targetScaling;
        }

        /**
         * The targets' standardisation.
         *
         * @return the statistics the training loss standardises with, or null for none.
         */
        public Standardization targetScaling() {
            return targetScaling;
        }

        @Override
        public Task withObjective(Objective newObjective) {
            return new Regression(loss(), targetScaling, ChainruleException.requireNonNull(newObjective,
                    "task: objective"));
        }

        @Override
        public boolean isClassification() {
            return false;
        }

        @Override
        public List<Metric> metrics() {
            return List.of(Metric.LOSS, Metric.RMSE, Metric.R_SQUARED);
        }

        @Override
        public List<String> readout(Evaluation train, Evaluation test) {
            ChainruleException.requireNonNull(train, "task: training evaluation");
            ChainruleException.requireNonNull(test, "task: test evaluation");
            return List.of("train loss      " + Tensor.format(train.loss()),
                    "test loss       " + Tensor.format(test.loss()),
                    "train RMSE      " + Tensor.format(train.rmse()),
                    "test RMSE       " + Tensor.format(test.rmse()),
                    String.format(Locale.ROOT, "test R^2        %.4f", test.rSquared()));
        }

        @Override
        int checkOutputs(int outputs, Dataset data) {
            Targets targets = data.targets();
            if (targets.isClassification()) {
                throw new ChainruleException("trainer: " + (targetScaling != null
                        ? "standardised targets are for value (regression) targets"
                        : "a regression task needs value targets") + ", but these are " + targets);
            }
            if (outputs != targets.matrix().cols()) {
                throw new ChainruleException("trainer: the model has " + outputs + " output column(s) but the targets"
                        + " have " + targets.matrix().cols() + " value column(s): a regression model needs one output"
                        + " per target column");
            }
            if (targetScaling != null && targetScaling.width() != outputs) {
                throw new ChainruleException("trainer: the target standardisation has " + targetScaling.width()
                        + " column(s) but the targets have " + outputs);
            }
            return outputs;
        }

        @Override
        Tensor targets(Dataset batch, int outputs) {
            return batch.targets().matrix();
        }

        @Override
        Tensor trainingTargets(Dataset batch, int outputs) {
            Tensor t = targets(batch, outputs);
            return targetScaling == null ? t : targetScaling.standardize(t);
        }

        @Override
        Node trainingPrediction(Node output) {
            return targetScaling == null ? output : targetScaling.standardize(output);
        }

        @Override
        Tally tally(Dataset data, int outputs) {
            int examples = data.size();
            DMatrixRMaj predictions = new DMatrixRMaj(examples, outputs);
            return new Tally() {
                private double total;

                @Override
                void add(int from, Dataset chunk, Node prediction, double chunkLoss) {
                    total = accumulate(total, chunkLoss, chunk.size());
                    DMatrixRMaj y = prediction.value().matrixView();
                    System.arraycopy(y.data, 0, predictions.data, from * outputs, chunk.size() * outputs);
                }

                @Override
                Evaluation result() {
                    Tensor predicted = Tensor.adopt(predictions);
                    Tensor truth = data.targets().matrix();
                    return new Evaluation(finish(total, examples), Double.NaN, Metrics.rmse(predicted, truth),
                            Metrics.rSquared(predicted, truth));
                }
            };
        }
    }
}
