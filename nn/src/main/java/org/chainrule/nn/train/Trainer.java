package org.chainrule.nn.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.Module;
import org.chainrule.nn.Standardization;
import org.chainrule.nn.checkpoint.Checkpoint;
import org.chainrule.nn.checkpoint.CheckpointContents;
import org.chainrule.nn.checkpoint.CheckpointException;
import org.chainrule.nn.data.Dataset;
import org.chainrule.nn.data.Targets;
import org.chainrule.nn.loss.Loss;
import org.chainrule.nn.optim.LearningRateSchedule;
import org.chainrule.nn.optim.Optimizer;
import org.chainrule.nn.optim.OptimizerState;
import org.ejml.data.DMatrixRMaj;

/**
 * The training loop the notes describe: for each epoch, shuffle the training set with a
 * seeded random source, and for each mini-batch run the forward pass, the loss, the
 * backward pass and the optimizer's update ({@code p = p - alpha dp} for SGD); after each
 * epoch, evaluate the loss and the task's metrics (accuracy for classes, RMSE and R^2 for
 * values) on the training set, on a validation part if asked, and on a held-out test set.
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
 * <p><b>Models and data.</b> Any {@link Module}: the dataset's input matrices
 * ({@link Dataset#inputs()}) become its input nodes, in order, so a two-input model or one
 * that takes whole-number token indices trains like a stack of layers.
 *
 * <p><b>Targets.</b> For class targets, a one-column output trains against the {@code m x 1}
 * column of 0/1 labels and a wider output against one-hot rows; predictions become classes as
 * the loss says ({@link Loss#predictions()}): a one-column probability at least 0.5 or score
 * at least 0 means class 1; with several columns the largest column wins. Value targets
 * (regression) train as they are, or standardised ({@link Builder#standardizeTargets}): the
 * model then ends in {@link Standardization#restoring()}, so its predictions are in the data's
 * units, and the trainer computes the training loss on {@code (y - mu) / sigma} against the
 * standardised targets. Reported losses, RMSE and R^2 are measured in the data's units.
 *
 * <p><b>Checks before the first step.</b> {@link Builder#build()} refuses an optimizer that
 * updates none of the model's parameters, and a model parameter the optimizer does not update
 * unless it is marked frozen ({@link Builder#freeze}); {@link #fit} runs the model on one
 * example before training, so inputs or outputs that do not fit the data fail at once.
 *
 * <p><b>Each step</b>: zero the gradients, record the forward pass and the loss, backward,
 * clip the gradients to a global norm if asked ({@link Builder#clipGradientNorm}), set the
 * learning rate from the schedule if any ({@link Builder#schedule}), and let the optimizer
 * update (with its weight decay, if set).
 *
 * <p><b>Stopping and resuming.</b> A listener can end the run after any epoch
 * ({@link TrainingListener#stopRequested()}; {@link EarlyStopping} watches the validation
 * part). With {@link Builder#checkpointTo(Path)} the trainer writes, after every epoch,
 * everything the next epoch depends on: the parameters, the optimizer's state (moments, step
 * count, rate), the update count (the schedule's position), the shuffling generator's state,
 * the stateful listeners' state and the epoch. A trainer built the same way with
 * {@link Builder#resumeFrom(Path)} continues from there bit for bit as if never interrupted.
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
    private static final String FORMAT = "chainrule.training";
    private static final String FORMAT_VERSION = "1";

    private final Module model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final int epochs;
    private final int batchSize;
    private final long seed;
    private final boolean evaluateTrainingSet;
    private final int evaluationBatchSize;
    private final boolean detectAnomalies;
    private final Standardization targetScaling;
    private final double clipNorm;
    private final LearningRateSchedule schedule;
    private final double baseRate;
    private final double validationRatio;
    private final Path checkpointFile;
    private final Map<String, String> checkpointMetadata;
    private final Map<String, Tensor> checkpointState;
    private final Path resumeFile;
    private final List<TrainingListener> listeners;
    /** The model's parameters, frozen ones included, whose gradients each step zeroes (listed once, at build). */
    private final Parameter[] modelParameters;
    /**
     * The latest training step's graph, recycled by the next step (kept between calls of
     * {@link #step}, released when {@link #fit} ends); a trainer is used by one thread at a time.
     */
    private Graph recording;
    /** How many updates this trainer has made (a resumed run counts from the checkpoint's). */
    private long updates;

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
        this.targetScaling = b.targetScaling;
        this.clipNorm = b.clipNorm;
        this.schedule = b.schedule;
        this.baseRate = b.optimizer.learningRate();
        this.validationRatio = b.validationRatio;
        this.checkpointFile = b.checkpointFile;
        this.checkpointMetadata = b.checkpointMetadata;
        this.checkpointState = b.checkpointState;
        this.resumeFile = b.resumeFile;
        this.listeners = List.copyOf(b.listeners);
        this.modelParameters = b.model.parameters().toArray(new Parameter[0]);
    }

    /**
     * Starts configuring a trainer.
     *
     * @param model the model to train: any module, with as many inputs as the data provides
     *     (examples as rows).
     * @param loss the loss to minimise.
     * @param optimizer the optimizer, usually over {@code model.parameters()}.
     * @return a builder with 1 epoch, batch size 32, seed 0, no listener and anomaly detection off.
     * @throws ChainruleException if an argument is null.
     */
    public static Builder builder(Module model, Loss loss, Optimizer optimizer) {
        return new Builder(model, loss, optimizer);
    }

    /**
     * Trains on {@code train} and evaluates on {@code test} after every epoch.
     *
     * @param train the training set (a validation part is split from it if the trainer has a
     *     validation ratio).
     * @param test the held-out test set.
     * @return every epoch's readout (of a resumed run: the epochs run now).
     * @throws NonFiniteLossException if a mini-batch's loss is NaN or infinite.
     * @throws org.chainrule.graph.AnomalyException with anomaly detection on, at the first NaN
     *     or infinity in a forward value or a gradient.
     * @throws org.chainrule.core.ShapeMismatchException if the data does not fit the model or the loss.
     * @throws CheckpointException if a checkpoint cannot be written, or the one to resume from
     *     cannot be read or does not fit this run.
     * @throws ChainruleException if a dataset is null, or the model's output width does not fit
     *     the targets.
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
     * @throws CheckpointException as for {@link #fit(Dataset, Dataset)}.
     * @throws ChainruleException if the dataset is null, or the model's output width does not
     *     fit the targets.
     */
    public TrainingHistory fit(Dataset train) {
        return run(train, null);
    }

    /**
     * The model's loss and metrics on a dataset, computed in chunks of the evaluation batch
     * size; the loss is combined as its {@link Loss#reduction()} says. No parameter changes.
     *
     * @param data the examples.
     * @return loss, and accuracy or RMSE and R^2.
     * @throws org.chainrule.core.ShapeMismatchException if the data does not fit the model or the loss.
     * @throws ChainruleException if the dataset is null, or the model's output width does not
     *     fit the targets.
     */
    public Evaluation evaluate(Dataset data) {
        return evaluate(data, outputWidth(data));
    }

    /**
     * One training step on one mini-batch of a one-input model: records the batch (in the
     * last step's graph, recycled), computes the loss, zeroes the gradients, runs backward,
     * clips, and lets the optimizer update the parameters.
     *
     * @param features the batch, {@code m x n}.
     * @param targets the batch's targets, as the loss expects them (standardised, if the
     *     trainer standardises targets).
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
        Forward f = forward(List.of(features), targets, nextRecording(), true);
        double value = f.lossValue();
        if (!Double.isFinite(value)) {
            throw new NonFiniteLossException(value, 0, 0, 0);
        }
        update(f);
        return value;
    }

    /**
     * The part of a training set this trainer trains on and its validation part, as
     * {@link #fit} splits them (the same every time for the same seed).
     *
     * @param train the training set given to {@link #fit}.
     * @return the trained part and the validation part; without a validation ratio, the whole
     *     set and null.
     * @throws ChainruleException if {@code train} is null or too small to split.
     */
    public Dataset.Split validationSplit(Dataset train) {
        ChainruleException.requireNonNull(train, "trainer: training set");
        return validationRatio > 0 ? train.split(1 - validationRatio, ~seed) : new Dataset.Split(train, null);
    }

    private TrainingHistory run(Dataset given, Dataset test) {
        Dataset.Split parts = validationSplit(given);
        Dataset train = parts.train();
        Dataset validation = parts.test();
        int outputs = outputWidth(train);
        if (test != null) {
            outputWidth(test);
        }
        int n = train.size();
        int stepsPerEpoch = (n + batchSize - 1) / batchSize;
        ShuffleRandom shuffle = new ShuffleRandom(seed);
        int first = 1;
        updates = 0;
        if (resumeFile != null) {
            first = resume(shuffle, n) + 1;
        }
        List<EpochReport> reports = new ArrayList<>();
        for (TrainingListener l : listeners) {
            l.trainingStarted(epochs, stepsPerEpoch);
        }
        for (int epoch = first; epoch <= epochs; epoch++) {
            int[] order = Dataset.permutation(n, shuffle);
            double runningLoss = 0;
            long runningCorrect = 0;
            for (int step = 1; step <= stepsPerEpoch; step++) {
                Dataset batch = train.subset(Arrays.copyOfRange(order, (step - 1) * batchSize,
                        Math.min(n, step * batchSize)));
                Forward f = forward(batch.inputs(), trainingTargets(batch, outputs), nextRecording(), true);
                double value = f.lossValue();
                if (!Double.isFinite(value)) {
                    throw new NonFiniteLossException(value, epoch, step, stepsPerEpoch);
                }
                int batchCorrect = batch.targets().isClassification() ? (int) correct(f.prediction(), batch) : 0;
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
                    : new Evaluation(finish(runningLoss, n), train.targets().isClassification()
                            ? (double) runningCorrect / n : Double.NaN, Double.NaN, Double.NaN);
            EpochReport report = new EpochReport(epoch, epochs, trained,
                    validation == null ? Evaluation.NONE : evaluate(validation, outputs),
                    test == null ? Evaluation.NONE : evaluate(test, outputs));
            reports.add(report);
            for (TrainingListener l : listeners) {
                l.epochFinished(report);
            }
            if (checkpointFile != null) {
                Checkpoint.write(contents(epoch, shuffle, n), checkpointFile);
            }
            if (listeners.stream().anyMatch(TrainingListener::stopRequested)) {
                break;
            }
        }
        recording = null; // release the last step's buffers
        TrainingHistory history = new TrainingHistory(reports);
        for (TrainingListener l : listeners) {
            l.trainingFinished(history);
        }
        return history;
    }

    /** Everything the epoch after {@code epoch} depends on. */
    private CheckpointContents contents(int epoch, ShuffleRandom shuffle, int examples) {
        Map<String, Tensor> parameters = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            parameters.put(p.name(), p.value());
        }
        Map<String, Tensor> state = new LinkedHashMap<>(checkpointState);
        Map<String, String> metadata = new LinkedHashMap<>(checkpointMetadata);
        metadata.put(FORMAT, FORMAT_VERSION);
        metadata.put("trainer.epoch", Integer.toString(epoch));
        metadata.put("trainer.updates", Long.toString(updates));
        metadata.put("trainer.shuffle", Long.toString(shuffle.state()));
        metadata.put("trainer.examples", Integer.toString(examples));
        metadata.put("trainer.seed", Long.toString(seed));
        metadata.put("trainer.batch", Integer.toString(batchSize));
        OptimizerState o = optimizer.state();
        metadata.put("optimizer.name", o.optimizer());
        metadata.put("optimizer.steps", Long.toString(o.steps()));
        metadata.put("optimizer.rate", Long.toHexString(Double.doubleToRawLongBits(o.learningRate())));
        o.buffers().forEach((name, value) -> state.put("optimizer/" + name, value));
        for (TrainingListener l : listeners) {
            if (l instanceof StatefulListener stateful) {
                Map<String, String> m = new LinkedHashMap<>();
                Map<String, Tensor> t = new LinkedHashMap<>();
                stateful.saveState(m, t);
                String prefix = "listener/" + stateful.stateName() + "/";
                m.forEach((k, v) -> metadata.put(prefix + k, v));
                t.forEach((k, v) -> state.put(prefix + k, v));
            }
        }
        return new CheckpointContents(parameters, state, metadata);
    }

    /** Restores a checkpointed run; returns the epoch it had finished. */
    private int resume(ShuffleRandom shuffle, int examples) {
        CheckpointContents saved = Checkpoint.readContents(resumeFile);
        String where = "resume from " + resumeFile;
        if (!FORMAT_VERSION.equals(saved.metadata().get(FORMAT))) {
            throw new CheckpointException(CheckpointException.Reason.MODEL_MISMATCH, where + ": the file holds a model"
                    + " but no training state (it was not written by a trainer's checkpointTo)");
        }
        int epoch;
        long savedUpdates;
        long shuffleState;
        OptimizerState o;
        try {
            epoch = Integer.parseInt(saved.require("trainer.epoch"));
            savedUpdates = Long.parseLong(saved.require("trainer.updates"));
            shuffleState = Long.parseLong(saved.require("trainer.shuffle"));
            int savedExamples = Integer.parseInt(saved.require("trainer.examples"));
            long savedSeed = Long.parseLong(saved.require("trainer.seed"));
            int savedBatch = Integer.parseInt(saved.require("trainer.batch"));
            if (savedExamples != examples || savedSeed != seed || savedBatch != batchSize) {
                throw new CheckpointException(CheckpointException.Reason.MODEL_MISMATCH, where + ": the run was"
                        + " checkpointed with " + savedExamples + " training examples, seed " + savedSeed
                        + " and batches of " + savedBatch + "; this one has " + examples + ", seed " + seed
                        + " and batches of " + batchSize + ": resume with the same data, seeds and batch size");
            }
            Map<String, Tensor> buffers = new LinkedHashMap<>();
            saved.state().forEach((k, v) -> {
                if (k.startsWith("optimizer/")) {
                    buffers.put(k.substring("optimizer/".length()), v);
                }
            });
            long steps = Long.parseLong(saved.require("optimizer.steps"));
            if (steps < 0) {
                throw new NumberFormatException("a negative optimizer step count " + steps);
            }
            o = new OptimizerState(saved.require("optimizer.name"), steps,
                    Double.longBitsToDouble(Long.parseUnsignedLong(saved.require("optimizer.rate"), 16)), buffers);
        } catch (NumberFormatException e) {
            throw new CheckpointException(CheckpointException.Reason.CORRUPTED, where + ": a malformed number in the"
                    + " training state: " + e.getMessage(), e);
        }
        if (epoch >= epochs) {
            throw new ChainruleException(where + ": the checkpoint has finished epoch " + epoch + " and this run has "
                    + epochs + " epochs: ask for more epochs to continue");
        }
        restoreAllOrNothing(saved, o, where);
        updates = savedUpdates;
        shuffle.setState(shuffleState);
        return epoch;
    }

    /**
     * Restores the optimizer, the parameters and the stateful listeners from a checkpoint, or,
     * if any of them refuses its part, puts the optimizer and the parameters back as they were
     * before rethrowing: a refused resume changes nothing.
     */
    private void restoreAllOrNothing(CheckpointContents saved, OptimizerState o, String where) {
        OptimizerState optimizerBefore = optimizer.state();
        Map<String, Tensor> parametersBefore = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            parametersBefore.put(p.name(), p.value());
        }
        try {
            try {
                optimizer.restoreState(o);
            } catch (CheckpointException e) {
                throw e;
            } catch (ChainruleException e) {
                throw new CheckpointException(CheckpointException.Reason.MODEL_MISMATCH, where + ": " + e.getMessage(),
                        e);
            }
            Checkpoint.assign(model.parameters(), saved.parameters(), where);
            for (TrainingListener l : listeners) {
                if (l instanceof StatefulListener stateful) {
                    String prefix = "listener/" + stateful.stateName() + "/";
                    stateful.restoreState(strip(saved.metadata(), prefix), strip(saved.state(), prefix));
                }
            }
        } catch (RuntimeException e) {
            optimizer.restoreState(optimizerBefore);
            Checkpoint.assign(model.parameters(), parametersBefore, where);
            throw e;
        }
    }

    /**
     * An unmodifiable copy in the caller's order. ({@code Map.copyOf} iterates in an order
     * that changes from one JVM run to the next, and the checkpoint's bytes changed with it.)
     */
    private static <V> Map<String, V> inOrder(Map<String, V> map, String what) {
        Map<String, V> copy = new LinkedHashMap<>();
        ChainruleException.requireNonNull(map, what).forEach((k, v) -> copy.put(
                ChainruleException.requireNonNull(k, what + ": a key"),
                ChainruleException.requireNonNull(v, what + ": the value of '" + k + "'")));
        return Collections.unmodifiableMap(copy);
    }

    private static <V> Map<String, V> strip(Map<String, V> entries, String prefix) {
        Map<String, V> out = new LinkedHashMap<>();
        entries.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    private Evaluation evaluate(Dataset data, int outputs) {
        int n = data.size();
        boolean classes = data.targets().isClassification();
        double total = 0;
        long correct = 0;
        DMatrixRMaj predictions = classes ? null : new DMatrixRMaj(n, outputs);
        for (int from = 0; from < n; from += evaluationBatchSize) {
            int to = Math.min(n, from + evaluationBatchSize);
            Dataset chunk = to - from == n ? data : data.subset(IntStream.range(from, to).toArray());
            // a new graph: evaluation keeps the training graph's buffers intact
            Forward f = forward(chunk.inputs(), reportedTargets(chunk, outputs), new Graph(), false);
            total = accumulate(total, f.lossValue(), chunk.size());
            if (classes) {
                correct += correct(f.prediction(), chunk);
            } else {
                DMatrixRMaj y = f.prediction().value().matrixView();
                System.arraycopy(y.data, 0, predictions.data, from * outputs, (to - from) * outputs);
            }
        }
        if (classes) {
            return new Evaluation(finish(total, n), (double) correct / n);
        }
        Tensor predicted = Tensor.adopt(predictions);
        Tensor truth = data.targets().matrix();
        return new Evaluation(finish(total, n), Double.NaN, Metrics.rmse(predicted, truth),
                Metrics.rSquared(predicted, truth));
    }

    /**
     * The width of the model's output, checked against the targets by running the model on
     * one example: a one-column output of a classifier trains against the 0/1 label column, a
     * wider one against one-hot rows; a regression output has one column per target column.
     */
    private int outputWidth(Dataset data) {
        ChainruleException.requireNonNull(data, "trainer: dataset");
        Dataset one = data.subset(new int[] {0});
        int outputs = model.predict(one.inputs().toArray(new Tensor[0])).cols();
        Targets targets = data.targets();
        if (!targets.isClassification()) {
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
        if (targetScaling != null) {
            throw new ChainruleException("trainer: standardizeTargets is for value (regression) targets, but these"
                    + " are " + targets);
        }
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

    /** The targets as the reported loss sees them: in the data's units. */
    private static Tensor reportedTargets(Dataset batch, int outputs) {
        Targets targets = batch.targets();
        if (!targets.isClassification()) {
            return targets.matrix();
        }
        return outputs == 1 ? batch.binaryTargets() : batch.oneHotTargets();
    }

    /** The targets as the training loss sees them: standardised, if the trainer standardises them. */
    private Tensor trainingTargets(Dataset batch, int outputs) {
        Tensor t = reportedTargets(batch, outputs);
        return targetScaling == null ? t : targetScaling.standardize(t);
    }

    /**
     * The graph for the next training step: the previous step's, recycled, so that a step
     * reuses the last step's buffers instead of allocating.
     */
    private Graph nextRecording() {
        recording = recording == null ? new Graph() : recording.recycle();
        return recording;
    }

    /**
     * Records the forward pass and the loss of one batch in {@code graph}: on standardised
     * values for training (if the trainer standardises targets), in the data's units for reports.
     */
    private Forward forward(List<Tensor> inputs, Tensor targets, Graph graph, boolean training) {
        graph.setDetectAnomalies(detectAnomalies);
        Node[] nodes = new Node[inputs.size()];
        for (int k = 0; k < nodes.length; k++) {
            nodes[k] = graph.input(nodes.length == 1 ? "X" : "X" + k, inputs.get(k));
        }
        Node prediction = model.apply(nodes);
        Node scored = training && targetScaling != null ? targetScaling.standardize(prediction) : prediction;
        return new Forward(prediction, loss.apply(scored, graph.constant("T", targets)));
    }

    private void update(Forward f) {
        for (Parameter p : modelParameters) { // the optimizer's own that the model lacks get no gradient here
            p.zeroGradient();
        }
        f.loss().graph().backward(f.loss());
        if (clipNorm < Double.POSITIVE_INFINITY) {
            clipGradients();
        }
        if (schedule != null) {
            optimizer.setLearningRate(schedule.rate(updates, baseRate));
        }
        optimizer.step();
        updates++;
    }

    /** Scales every gradient the optimizer reads by {@code c / max(c, ||g||)}, {@code ||g||} over all of them. */
    private void clipGradients() {
        double squares = 0;
        for (Parameter p : optimizer.parameters()) {
            for (double g : p.mutableGradient().data) {
                squares += g * g;
            }
        }
        double norm = Math.sqrt(squares);
        if (norm > clipNorm) {
            double factor = clipNorm / norm;
            for (Parameter p : optimizer.parameters()) {
                DMatrixRMaj g = p.mutableGradient();
                for (int k = 0; k < g.getNumElements(); k++) {
                    g.data[k] *= factor;
                }
            }
        }
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
        private final Module model;
        private final Loss loss;
        private final Optimizer optimizer;
        private int epochs = 1;
        private int batchSize = 32;
        private long seed;
        private boolean evaluateTrainingSet = true;
        private int evaluationBatchSize = 1024;
        private boolean detectAnomalies;
        private Standardization targetScaling;
        private double clipNorm = Double.POSITIVE_INFINITY;
        private LearningRateSchedule schedule;
        private double validationRatio;
        private Path checkpointFile;
        private Map<String, String> checkpointMetadata = Map.of();
        private Map<String, Tensor> checkpointState = Map.of();
        private Path resumeFile;
        private final Set<Parameter> frozen = Collections.newSetFromMap(new IdentityHashMap<>());
        private final List<TrainingListener> listeners = new ArrayList<>();

        private Builder(Module model, Loss loss, Optimizer optimizer) {
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
         * before its update (false; free, but it mixes weights from the whole epoch, and with
         * {@link #standardizeTargets} it is the loss on standardised targets, with no RMSE or R^2).
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
         * Marks parameters as frozen: the optimizer need not update them (they keep their
         * values); without this, a model parameter the optimizer does not update is refused.
         *
         * @param parameters model parameters to leave unchanged.
         * @return this builder.
         * @throws ChainruleException if a parameter is null.
         */
        public Builder freeze(Parameter... parameters) {
            ChainruleException.requireNonNull(parameters, "trainer: the frozen parameters");
            for (Parameter p : parameters) {
                frozen.add(ChainruleException.requireNonNull(p, "trainer: a frozen parameter"));
            }
            return this;
        }

        /**
         * Trains on standardised value targets: the loss compares {@code (y - mu) / sigma} with
         * the standardised targets, where the model's output {@code y} is in the data's units
         * (it ends in {@code scaling.restoring()}). Reports stay in the data's units.
         *
         * @param scaling the targets' statistics, usually {@code Standardization.fittedTo(train.targets().matrix())}.
         * @return this builder.
         * @throws ChainruleException if {@code scaling} is null.
         */
        public Builder standardizeTargets(Standardization scaling) {
            this.targetScaling = ChainruleException.requireNonNull(scaling, "trainer: target standardization");
            return this;
        }

        /**
         * Clips gradients by their global norm before each update: if
         * {@code ||g|| = sqrt(sum over all parameters of sum g^2)} exceeds {@code maxNorm},
         * every gradient is scaled by {@code maxNorm / ||g||} (direction kept).
         *
         * @param maxNorm positive and finite.
         * @return this builder.
         * @throws ChainruleException if {@code maxNorm} is not positive and finite.
         */
        public Builder clipGradientNorm(double maxNorm) {
            if (!(maxNorm > 0) || !Double.isFinite(maxNorm)) {
                throw new ChainruleException("trainer: the clipping norm must be a positive finite number, got "
                        + maxNorm);
            }
            this.clipNorm = maxNorm;
            return this;
        }

        /**
         * Sets the learning rate before every update from a schedule, with the optimizer's rate
         * at {@link #build()} as the base rate.
         *
         * @param newSchedule the schedule.
         * @return this builder.
         * @throws ChainruleException if {@code newSchedule} is null.
         */
        public Builder schedule(LearningRateSchedule newSchedule) {
            this.schedule = ChainruleException.requireNonNull(newSchedule, "trainer: schedule");
            return this;
        }

        /**
         * Holds out a validation part of the training data (seeded, the same every run),
         * evaluated after each epoch as {@link EpochReport#validation()}: what
         * {@link EarlyStopping} watches. The model does not train on it.
         *
         * @param ratio the fraction of the training set, in {@code (0, 1)}; 0 (the default) for none.
         * @return this builder.
         * @throws ChainruleException if the ratio is outside {@code [0, 1)}.
         */
        public Builder validationRatio(double ratio) {
            if (!(ratio >= 0 && ratio < 1)) {
                throw new ChainruleException("trainer: the validation ratio must lie in [0, 1), got " + ratio);
            }
            this.validationRatio = ratio;
            return this;
        }

        /**
         * Writes a resumable checkpoint after every epoch (atomically replacing the file).
         *
         * @param file where to write.
         * @return this builder.
         * @throws ChainruleException if {@code file} is null.
         */
        public Builder checkpointTo(Path file) {
            return checkpointTo(file, Map.of(), Map.of());
        }

        /**
         * Writes a resumable checkpoint after every epoch, with entries of the caller's own
         * (for example a model's architecture and its standardisation), so that the file can
         * also serve as a self-contained model.
         *
         * @param file where to write.
         * @param metadata text entries to add. Not modified (copied).
         * @param state tensors to add. Not modified (copied).
         * @return this builder.
         * @throws ChainruleException if an argument is null.
         */
        public Builder checkpointTo(Path file, Map<String, String> metadata, Map<String, Tensor> state) {
            this.checkpointFile = ChainruleException.requireNonNull(file, "trainer: checkpoint file");
            this.checkpointMetadata = inOrder(metadata, "trainer: metadata");
            this.checkpointState = inOrder(state, "trainer: state");
            return this;
        }

        /**
         * Continues a checkpointed run: {@link #fit} loads the parameters, the optimizer's
         * state, the update count, the shuffle generator and the stateful listeners from the
         * file and runs the epochs after the saved one. The trainer must be built as the
         * interrupted one was (model, optimizer, seeds, data; {@code epochs} may be larger).
         *
         * @param file a file written by {@link #checkpointTo}.
         * @return this builder.
         * @throws ChainruleException if {@code file} is null.
         */
        public Builder resumeFrom(Path file) {
            this.resumeFile = ChainruleException.requireNonNull(file, "trainer: file to resume from");
            return this;
        }

        /**
         * Builds the trainer, after checking that the optimizer and the model fit together.
         *
         * @return the trainer.
         * @throws ChainruleException if the optimizer updates none of the model's parameters, if
         *     a model parameter is neither updated by the optimizer nor frozen, or if a frozen
         *     parameter is updated by the optimizer (each message names the parameters).
         */
        public Trainer build() {
            Set<Parameter> updated = Collections.newSetFromMap(new IdentityHashMap<>());
            updated.addAll(optimizer.parameters());
            List<Parameter> parameters = model.parameters();
            if (!parameters.isEmpty() && parameters.stream().noneMatch(updated::contains)) {
                throw new ChainruleException("trainer: the optimizer updates none of the model's parameters (it holds "
                        + names(optimizer.parameters()) + "; the model has " + names(parameters) + "): training would"
                        + " change nothing. Build the optimizer over this model's parameters()");
            }
            List<Parameter> missing = parameters.stream().filter(p -> !updated.contains(p) && !frozen.contains(p))
                    .toList();
            if (!missing.isEmpty()) {
                throw new ChainruleException("trainer: the optimizer does not update the model's parameter"
                        + (missing.size() == 1 ? " " : "s ") + names(missing) + ": give the optimizer"
                        + " model.parameters(), or mark them frozen with Trainer.Builder.freeze(...)");
            }
            List<Parameter> contradictions = parameters.stream().filter(p -> frozen.contains(p) && updated.contains(p))
                    .toList();
            if (!contradictions.isEmpty()) {
                throw new ChainruleException("trainer: " + names(contradictions) + (contradictions.size() == 1
                        ? " is" : " are") + " marked frozen but the optimizer updates "
                        + (contradictions.size() == 1 ? "it" : "them") + ": leave them out of the optimizer");
            }
            return new Trainer(this);
        }

        /** {@code 'a', 'b', 'c'}, the first ten and a count of the rest. */
        private static String names(List<Parameter> parameters) {
            String shown = parameters.stream().limit(10).map(p -> "'" + p.name() + "'")
                    .collect(Collectors.joining(", "));
            return parameters.size() > 10 ? shown + " and " + (parameters.size() - 10) + " more" : shown;
        }

        private static int requirePositive(String what, int value) {
            if (value < 1) {
                throw new ChainruleException("trainer: " + what + " must be at least 1, got " + value);
            }
            return value;
        }
    }
}
