package org.chainrule.nn.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.nn.Layer;
import org.chainrule.nn.data.Dataset;
import org.chainrule.nn.loss.Loss;
import org.chainrule.nn.optim.Optimizer;
import org.ejml.data.DMatrixRMaj;

/**
 * The training loop the notes describe: for each epoch, shuffle the training set with a
 * seeded random source, and for each mini-batch run the forward pass, the loss, the
 * backward pass and the optimizer's update ({@code p = p - alpha dp} for SGD); after each
 * epoch, evaluate loss and accuracy on the training set and on a held-out test set.
 * <pre>{@code
 * Dataset.Split data = Playground.generate(Playground.Kind.SPIRAL, 400, 0, 1).split(0.5, 2);
 * Sequential net = Mlp.builder(2).hidden(16, Activation.TANH).hidden(16, Activation.TANH)
 *         .output(1, Activation.IDENTITY).seed(3).build();
 * Trainer trainer = Trainer.builder(net, Losses.SIGMOID_CROSS_ENTROPY, new Adam(net.parameters(), 0.01))
 *         .epochs(200).batchSize(10).seed(4).listener(new TrainingListener() {
 *             public void epochFinished(EpochReport r) {
 *                 System.out.printf("epoch %d: test loss %.4f%n", r.epoch(), r.testLoss());
 *             }
 *         }).build();
 * TrainingHistory history = trainer.fit(data.train(), data.test());
 * }</pre>
 *
 * <p>Targets come from the dataset's labels: a one-column output trains against the
 * {@code m x 1} column of 0/1 labels, a wider output against one-hot rows. Predictions become
 * classes as the loss says ({@link Loss#predictions()}): a one-column probability at least
 * 0.5 or score at least 0 means class 1; with several columns the largest column wins.
 *
 * <p>Determinism: the model's initial weights, the optimizer and the shuffle seed fix the
 * run; the same seeds give bit-identical parameters after the same steps.
 *
 * <p>A step whose loss is NaN or infinite stops training with a
 * {@link NonFiniteLossException} naming the epoch and step, before that step's update. To
 * find the operation where a NaN or infinity first appears, build the trainer with
 * {@link Builder#detectAnomalies(boolean) detectAnomalies(true)}: every graph it records then
 * has anomaly detection on, and the first non-finite value or gradient throws an
 * {@link org.chainrule.graph.AnomalyException} naming the operation and the pass instead.
 *
 * <p>Not thread-safe: a trainer, its model and its optimizer are used by one thread at a
 * time. Two trainers over two separate models can run on two threads at once.
 */
public final class Trainer {
    private final Layer model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final int epochs;
    private final int batchSize;
    private final long seed;
    private final boolean evaluateTrainingSet;
    private final int evaluationBatchSize;
    private final boolean detectAnomalies;
    /**
     * The latest training step's graph, recycled by the next step (kept between calls of
     * {@link #step}, released when {@link #fit} ends); a trainer is used by one thread at a time.
     */
    private Graph recording;
    private final List<TrainingListener> listeners;

    private Trainer(Builder b) {
        this.model = b.model;
        this.loss = b.loss;
        this.optimizer = b.optimizer;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.evaluateTrainingSet = b.evaluateTrainingSet;
        this.evaluationBatchSize = b.evaluationBatchSize;
        this.detectAnomalies = b.detectAnomalies;
        this.listeners = List.copyOf(b.listeners);
    }

    /**
     * Starts configuring a trainer.
     *
     * @param model the network to train, one input (examples as rows).
     * @param loss the loss to minimise.
     * @param optimizer the optimizer, usually over {@code model.parameters()}.
     * @return a builder with 1 epoch, batch size 32, seed 0, no listener and anomaly detection off.
     * @throws ChainruleException if an argument is null.
     */
    public static Builder builder(Layer model, Loss loss, Optimizer optimizer) {
        return new Builder(model, loss, optimizer);
    }

    /**
     * Trains on {@code train} and evaluates on {@code test} after every epoch.
     *
     * @param train the training set.
     * @param test the held-out test set.
     * @return every epoch's readout.
     * @throws NonFiniteLossException if a mini-batch's loss is NaN or infinite.
     * @throws org.chainrule.graph.AnomalyException with anomaly detection on, at the first NaN
     *     or infinity in a forward value or a gradient.
     * @throws org.chainrule.core.ShapeMismatchException if the data does not fit the model or the loss.
     * @throws ChainruleException if a dataset is null, or the model's output width does not fit
     *     the number of classes.
     */
    public TrainingHistory fit(Dataset train, Dataset test) {
        return run(train, ChainruleException.requireNonNull(test, "trainer: test set (use fit(train) for none)"));
    }

    /**
     * Trains on {@code train} with no held-out set; the reports' test values are NaN.
     *
     * @param train the training set.
     * @return every epoch's readout.
     * @throws NonFiniteLossException if a mini-batch's loss is NaN or infinite.
     * @throws org.chainrule.graph.AnomalyException with anomaly detection on, at the first NaN
     *     or infinity in a forward value or a gradient.
     * @throws org.chainrule.core.ShapeMismatchException if the data does not fit the model or the loss.
     * @throws ChainruleException if the dataset is null, or the model's output width does not
     *     fit the number of classes.
     */
    public TrainingHistory fit(Dataset train) {
        return run(train, null);
    }

    /**
     * The model's loss and accuracy on a dataset, computed in chunks of the evaluation batch
     * size and combined as the loss's {@link Loss#reduction()} says. No parameter changes.
     *
     * @param data the examples.
     * @return loss and accuracy.
     * @throws org.chainrule.core.ShapeMismatchException if the data does not fit the model or the loss.
     * @throws ChainruleException if the dataset is null, or the model's output width does not
     *     fit the number of classes.
     */
    public Evaluation evaluate(Dataset data) {
        return evaluate(data, outputWidth(data));
    }

    /**
     * One training step on one mini-batch: records the batch (in the last step's graph,
     * recycled), computes the loss, zeroes the gradients, runs backward and lets the
     * optimizer update the parameters.
     *
     * @param features the batch, {@code m x n}.
     * @param targets the batch's targets, as the loss expects them.
     * @return the batch's loss before the update.
     * @throws NonFiniteLossException if the loss is NaN or infinite (nothing is updated).
     * @throws org.chainrule.graph.AnomalyException with anomaly detection on, at the first NaN
     *     or infinity in a forward value or a gradient.
     * @throws org.chainrule.core.ShapeMismatchException if the batch does not fit the model or the loss.
     * @throws ChainruleException if an argument is null.
     */
    public double step(Tensor features, Tensor targets) {
        ChainruleException.requireNonNull(features, "trainer: features");
        ChainruleException.requireNonNull(targets, "trainer: targets");
        Forward f = forward(features, targets, nextRecording());
        double value = f.lossValue();
        if (!Double.isFinite(value)) {
            throw new NonFiniteLossException(value, 0, 0, 0);
        }
        update(f);
        return value;
    }

    private TrainingHistory run(Dataset train, Dataset test) {
        int outputs = outputWidth(train);
        int n = train.size();
        int stepsPerEpoch = (n + batchSize - 1) / batchSize;
        Random shuffle = new Random(seed);
        List<EpochReport> reports = new ArrayList<>();
        for (TrainingListener l : listeners) {
            l.trainingStarted(epochs, stepsPerEpoch);
        }
        for (int epoch = 1; epoch <= epochs; epoch++) {
            int[] order = Dataset.permutation(n, shuffle);
            double runningLoss = 0;
            long runningCorrect = 0;
            for (int step = 1; step <= stepsPerEpoch; step++) {
                Dataset batch = train.subset(Arrays.copyOfRange(order, (step - 1) * batchSize,
                        Math.min(n, step * batchSize)));
                Forward f = forward(batch, outputs, nextRecording());
                double value = f.lossValue();
                if (!Double.isFinite(value)) {
                    throw new NonFiniteLossException(value, epoch, step, stepsPerEpoch);
                }
                int batchCorrect = (int) correct(f.prediction(), batch);
                if (!evaluateTrainingSet) {
                    runningLoss = accumulate(runningLoss, value, batch.size());
                    runningCorrect += batchCorrect;
                }
                update(f);
                StepReport report = new StepReport(epoch, epochs, step, stepsPerEpoch, batch.size(), value,
                        batchCorrect);
                for (TrainingListener l : listeners) {
                    l.stepFinished(report);
                }
            }
            Evaluation trained = evaluateTrainingSet ? evaluate(train, outputs)
                    : new Evaluation(finish(runningLoss, n), (double) runningCorrect / n);
            Evaluation tested = test == null ? new Evaluation(Double.NaN, Double.NaN) : evaluate(test, outputs);
            EpochReport report = new EpochReport(epoch, epochs, trained.loss(), trained.accuracy(), tested.loss(),
                    tested.accuracy());
            reports.add(report);
            for (TrainingListener l : listeners) {
                l.epochFinished(report);
            }
        }
        recording = null; // release the last step's buffers
        TrainingHistory history = new TrainingHistory(reports);
        for (TrainingListener l : listeners) {
            l.trainingFinished(history);
        }
        return history;
    }

    private Evaluation evaluate(Dataset data, int outputs) {
        int n = data.size();
        double total = 0;
        long correct = 0;
        for (int from = 0; from < n; from += evaluationBatchSize) {
            int to = Math.min(n, from + evaluationBatchSize);
            Dataset chunk = to - from == n ? data : data.subset(IntStream.range(from, to).toArray());
            Forward f = forward(chunk, outputs, new Graph()); // evaluation keeps the training graph's buffers intact
            total = accumulate(total, f.lossValue(), chunk.size());
            correct += correct(f.prediction(), chunk);
        }
        return new Evaluation(finish(total, n), (double) correct / n);
    }

    /**
     * The width of the model's output, which decides the targets: a one-column output
     * trains against the 0/1 label column, a wider one against one-hot rows.
     */
    private int outputWidth(Dataset data) {
        ChainruleException.requireNonNull(data, "trainer: dataset");
        int outputs = model.predict(data.subset(new int[] {0}).features()).cols();
        if (outputs == 1 && data.classes() != 2) {
            throw new ChainruleException("trainer: the model has 1 output column, which makes a binary classifier, but"
                    + " the data has " + data.classes() + " classes: give the model one output per class");
        }
        if (outputs > 1 && outputs != data.classes()) {
            throw new ChainruleException("trainer: the model has " + outputs + " output columns but the data has "
                    + data.classes() + " classes: a classifier needs one output per class (or one for two classes)");
        }
        return outputs;
    }

    /** Records the forward pass and the loss of a batch in {@code graph}. */
    private Forward forward(Dataset batch, int outputs, Graph graph) {
        return forward(batch.features(), outputs == 1 ? batch.binaryTargets() : batch.oneHotTargets(), graph);
    }

    /**
     * The graph for the next training step: the previous step's, recycled, so that a step
     * reuses the last step's buffers instead of allocating.
     */
    private Graph nextRecording() {
        recording = recording == null ? new Graph() : recording.recycle();
        return recording;
    }

    /** Records the forward pass and the loss of one batch in {@code graph}. */
    private Forward forward(Tensor features, Tensor targets, Graph graph) {
        graph.setDetectAnomalies(detectAnomalies);
        Node prediction = model.apply(graph.input("X", features));
        return new Forward(prediction, loss.apply(prediction, graph.constant("T", targets)));
    }

    private void update(Forward f) {
        optimizer.zeroGradients();
        f.loss().graph().backward(f.loss());
        optimizer.step();
    }

    /** Adds a batch's loss to a running total: summed, or weighted by the batch's rows. */
    private double accumulate(double total, double batchLoss, int rows) {
        return loss.reduction() == Loss.Reduction.SUM ? total + batchLoss : total + batchLoss * rows;
    }

    private double finish(double total, int examples) {
        return loss.reduction() == Loss.Reduction.SUM ? total : total / examples;
    }

    /** How many rows of a prediction name their example's label, classes read as the loss says. */
    private long correct(Node prediction, Dataset batch) {
        DMatrixRMaj predictions = prediction.value().matrixView();
        double threshold = loss.predictions() == Loss.Predictions.SCORES ? 0.0 : 0.5;
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

    /** One batch's recorded prediction and loss. */
    private record Forward(Node prediction, Node loss) {
        double lossValue() {
            return loss.value().item();
        }
    }

    /** Configures a {@link Trainer}. */
    public static final class Builder {
        private final Layer model;
        private final Loss loss;
        private final Optimizer optimizer;
        private int epochs = 1;
        private int batchSize = 32;
        private long seed;
        private boolean evaluateTrainingSet = true;
        private int evaluationBatchSize = 1024;
        private boolean detectAnomalies;
        private final List<TrainingListener> listeners = new ArrayList<>();

        private Builder(Layer model, Loss loss, Optimizer optimizer) {
            this.model = ChainruleException.requireNonNull(model, "trainer: model");
            this.loss = ChainruleException.requireNonNull(loss, "trainer: loss");
            this.optimizer = ChainruleException.requireNonNull(optimizer, "trainer: optimizer");
        }

        /**
         * Sets the number of passes over the training set.
         *
         * @param count at least 1.
         * @return this builder.
         * @throws ChainruleException if the number is less than 1.
         */
        public Builder epochs(int count) {
            this.epochs = requirePositive("epochs", count);
            return this;
        }

        /**
         * Sets the mini-batch size; the last batch of an epoch may be smaller.
         *
         * @param size at least 1.
         * @return this builder.
         * @throws ChainruleException if the number is less than 1.
         */
        public Builder batchSize(int size) {
            this.batchSize = requirePositive("batch size", size);
            return this;
        }

        /**
         * Sets the seed of the per-epoch shuffle.
         *
         * @param newSeed the seed.
         * @return this builder.
         */
        public Builder seed(long newSeed) {
            this.seed = newSeed;
            return this;
        }

        /**
         * Adds a listener; listeners are called in the order added.
         *
         * @param listener the listener.
         * @return this builder.
         * @throws ChainruleException if {@code listener} is null.
         */
        public Builder listener(TrainingListener listener) {
            listeners.add(ChainruleException.requireNonNull(listener, "trainer: listener"));
            return this;
        }

        /**
         * Chooses how the epoch's training loss and accuracy are measured: by a full pass over
         * the training set after the epoch (true, the default; exact, and comparable with the
         * test values), or as the running mean over the epoch's mini-batches, each measured
         * before its update (false; free, but it mixes weights from the whole epoch).
         *
         * @param fullPass true for a full pass.
         * @return this builder.
         */
        public Builder evaluateTrainingSet(boolean fullPass) {
            this.evaluateTrainingSet = fullPass;
            return this;
        }

        /**
         * Sets how many examples evaluation runs forward at once (bounds memory, not results).
         *
         * @param size at least 1; 1024 by default.
         * @return this builder.
         * @throws ChainruleException if the number is less than 1.
         */
        public Builder evaluationBatchSize(int size) {
            this.evaluationBatchSize = requirePositive("evaluation batch size", size);
            return this;
        }

        /**
         * Turns anomaly detection on or off for every graph the trainer records (off by
         * default): with it on, the first NaN or infinity in a forward value or a backward
         * gradient throws an {@link org.chainrule.graph.AnomalyException} naming the operation,
         * instead of training on until the loss is not finite. It costs one extra read of every
         * value and gradient.
         *
         * @param on true to check every value and gradient.
         * @return this builder.
         */
        public Builder detectAnomalies(boolean on) {
            this.detectAnomalies = on;
            return this;
        }

        /**
         * Builds the trainer.
         *
         * @return the trainer.
         */
        public Trainer build() {
            return new Trainer(this);
        }

        private static int requirePositive(String what, int value) {
            if (value < 1) {
                throw new ChainruleException("trainer: " + what + " must be at least 1, got " + value);
            }
            return value;
        }
    }
}
