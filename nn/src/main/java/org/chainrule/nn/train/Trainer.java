package org.chainrule.nn.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Node;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.Module;
import org.chainrule.nn.checkpoint.CheckpointException;
import org.chainrule.nn.checkpoint.TrainingCheckpoint;
import org.chainrule.nn.data.Dataset;
import org.chainrule.nn.loss.Loss;
import org.chainrule.nn.optim.GradientClipping;
import org.chainrule.nn.optim.LearningRateSchedule;
import org.chainrule.nn.optim.Optimizer;

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
 * <p><b>The task.</b> A {@link Task} says what the model is trained to do: the loss, the
 * targets it compares with (0/1 labels, one-hot rows, values, standardised values), the
 * metrics (accuracy, or RMSE and R^2 in the data's units) and, with an {@link Objective}, a
 * training objective that reads the model's inputs too. Built with a {@link Loss} instead, the
 * trainer follows each dataset's targets ({@link Task#of}).
 *
 * <p><b>Checks before the first step.</b> {@link TrainerBuilder#build()} refuses an optimizer that
 * updates none of the model's parameters, and a model parameter the optimizer does not update
 * unless it is marked frozen ({@link TrainerBuilder#freeze}); {@link #fit} runs the model on one
 * example before training, so inputs or outputs that do not fit the data fail at once.
 *
 * <p><b>Each step</b>: record the forward pass and the objective, zero the gradients of every
 * parameter of the model (frozen ones included: their gradient after a step is that step's)
 * and of the optimizer, backward, clip the gradients if asked ({@link GradientClipping}), set the
 * learning rate from the schedule if any ({@link TrainerBuilder#schedule}), and let the optimizer
 * update (with its weight decay, if set).
 *
 * <p><b>Stopping and resuming.</b> A listener can end the run after any epoch
 * ({@link TrainingListener#stopRequested()}; {@link EarlyStopping} watches the validation
 * part). With {@link TrainerBuilder#checkpointTo(Path)} the trainer writes, after every epoch,
 * everything the next epoch depends on: the parameters, the optimizer's state (moments, step
 * count, rate), the update count (the schedule's position), the shuffling generator's state,
 * the stateful listeners' state and the epoch. A trainer built the same way with
 * {@link TrainerBuilder#resumeFrom(Path)} continues from there bit for bit as if never interrupted.
 *
 * <p>Determinism: the model's initial weights, the optimizer and the shuffle seed fix the
 * run; the same seeds give bit-identical parameters after the same steps.
 *
 * <p>A step whose loss is NaN or infinite stops training with a
 * {@link NonFiniteLossException} naming the epoch and step, before that step's update. To
 * find the operation where a NaN or infinity first appears, build the trainer with
 * {@link TrainerBuilder#detectAnomalies(boolean) detectAnomalies(true)}: every graph it records then
 * has anomaly detection on, and the first non-finite value or gradient throws an
 * {@link org.chainrule.graph.AnomalyException} naming the operation and the pass instead.
 *
 * <p>Not thread-safe: a trainer, its model and its optimizer are used by one thread at a
 * time. Two trainers over two separate models can run on two threads at once.
 */
public final class Trainer {
    private final Module model;
    /** The task, or null to follow each dataset's targets with {@link #loss}. */
    private final Task task;
    private final Loss loss;
    private final Optimizer optimizer;
    private final int epochs;
    private final int batchSize;
    private final long seed;
    private final boolean evaluateTrainingSet;
    private final int evaluationBatchSize;
    private final boolean detectAnomalies;
    private final GradientClipping clipping;
    private final LearningRateSchedule schedule;
    private final double baseRate;
    private final double validationRatio;
    private final Path checkpointFile;
    private final Map<String, String> checkpointMetadata;
    private final Map<String, Tensor> checkpointState;
    private final Path resumeFile;
    private final List<TrainingListener> listeners;
    /**
     * The parameters whose gradients each step zeroes before its backward pass: the model's,
     * frozen ones included, then the optimizer's that the model lacks (listed once, at build).
     */
    private final Parameter[] zeroed;
    /**
     * The latest training step's graph, recycled by the next step (kept between calls of
     * {@link #step}, released when {@link #fit} ends); a trainer is used by one thread at a time.
     */
    private Graph recording;
    /** How many updates this trainer has made (a resumed run counts from the checkpoint's). */
    private long updates;

    /** A trainer as the builder configured it; {@link TrainerBuilder#build()} has checked it. */
    Trainer(TrainerBuilder b) {
        this.model = b.model;
        this.task = b.task;
        this.loss = b.loss;
        this.optimizer = b.optimizer;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.evaluateTrainingSet = b.evaluateTrainingSet;
        this.evaluationBatchSize = b.evaluationBatchSize;
        this.detectAnomalies = b.detectAnomalies;
        this.clipping = b.clipping;
        this.schedule = b.schedule;
        this.baseRate = b.optimizer.learningRate();
        this.validationRatio = b.validationRatio;
        this.checkpointFile = b.checkpointFile;
        this.checkpointMetadata = b.checkpointMetadata;
        this.checkpointState = b.checkpointState;
        this.resumeFile = b.resumeFile;
        this.listeners = List.copyOf(b.listeners);
        this.zeroed = b.zeroed();
    }

    /**
     * Starts configuring a trainer for a task.
     *
     * @param model the model to train: any module, with as many inputs as the data provides
     *     (examples as rows).
     * @param task what the model is trained to do: its loss, targets and metrics.
     * @param optimizer the optimizer, usually over {@code model.parameters()}.
     * @return a builder with 1 epoch, batch size 32, seed 0, no listener and anomaly detection off.
     * @throws ChainruleException if an argument is null.
     */
    public static TrainerBuilder builder(Module model, Task task, Optimizer optimizer) {
        return new TrainerBuilder(model, ChainruleException.requireNonNull(task, "trainer: task"), task.loss(), optimizer);
    }

    /**
     * Starts configuring a trainer whose task follows the data ({@link Task#of}): a
     * classification for class targets, a regression on the values as they are for value targets.
     *
     * @param model the model to train.
     * @param loss the loss to minimise.
     * @param optimizer the optimizer, usually over {@code model.parameters()}.
     * @return a builder with 1 epoch, batch size 32, seed 0, no listener and anomaly detection off.
     * @throws ChainruleException if an argument is null.
     */
    public static TrainerBuilder builder(Module model, Loss loss, Optimizer optimizer) {
        return new TrainerBuilder(model, null, ChainruleException.requireNonNull(loss, "trainer: loss"), optimizer);
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
     *     the targets or the task.
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
     *     fit the targets or the task.
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
     *     fit the targets or the task.
     */
    public Evaluation evaluate(Dataset data) {
        return evaluate(data, outputWidth(data));
    }

    /**
     * One training step on one mini-batch of a one-input model: records the batch (in the
     * last step's graph, recycled), computes the objective, zeroes the gradients, runs
     * backward, clips, and lets the optimizer update the parameters.
     *
     * @param features the batch, {@code m x n}.
     * @param targets the batch's targets, as the loss expects them (standardised, if the
     *     task standardises targets).
     * @return the batch's objective (its loss, by default) before the update.
     * @throws NonFiniteLossException if the objective is NaN or infinite (nothing is updated).
     * @throws org.chainrule.graph.AnomalyException with anomaly detection on, at the first NaN
     *     or infinity in a forward value or a gradient.
     * @throws org.chainrule.core.ShapeMismatchException if the batch does not fit the model or the loss.
     * @throws ChainruleException if an argument is null.
     */
    public double step(Tensor features, Tensor targets) {
        ChainruleException.requireNonNull(features, "trainer: features");
        ChainruleException.requireNonNull(targets, "trainer: targets");
        Forward f = forward(task != null ? task : Task.regression(loss), List.of(features), targets, nextRecording(),
                true);
        double value = f.value();
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
        Task trained = taskFor(train);
        int n = train.size();
        int stepsPerEpoch = (n + batchSize - 1) / batchSize;
        ShuffleRandom shuffle = new ShuffleRandom(seed);
        RunCheckpoints checkpoints = new RunCheckpoints(model, optimizer, listeners, new TrainingCheckpoint.Run(n, seed,
                batchSize), checkpointFile, checkpointMetadata, checkpointState);
        int first = 1;
        updates = 0;
        if (resumeFile != null) {
            TrainingCheckpoint resumed = checkpoints.resume(resumeFile, epochs);
            updates = resumed.updates();
            shuffle.setState(resumed.shuffleState());
            first = resumed.epoch() + 1;
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
                Forward f = forward(trained, batch.inputs(), trained.trainingTargets(batch, outputs), nextRecording(),
                        true);
                double value = f.value();
                if (!Double.isFinite(value)) {
                    throw new NonFiniteLossException(value, epoch, step, stepsPerEpoch);
                }
                int batchCorrect = (int) trained.correct(f.output(), batch);
                if (!evaluateTrainingSet) {
                    runningLoss = trained.accumulate(runningLoss, value, batch.size());
                    runningCorrect += batchCorrect;
                }
                update(f);
                StepReport report = new StepReport(epoch, epochs, step, stepsPerEpoch, batch.size(), value,
                        batchCorrect);
                for (TrainingListener l : listeners) {
                    l.stepFinished(report);
                }
            }
            Evaluation measured = evaluateTrainingSet ? evaluate(train, outputs)
                    : new Evaluation(trained.finish(runningLoss, n), trained.isClassification()
                            ? (double) runningCorrect / n : Double.NaN, Double.NaN, Double.NaN);
            EpochReport report = new EpochReport(epoch, epochs, measured,
                    validation == null ? Evaluation.NONE : evaluate(validation, outputs),
                    test == null ? Evaluation.NONE : evaluate(test, outputs));
            reports.add(report);
            for (TrainingListener l : listeners) {
                l.epochFinished(report);
            }
            checkpoints.write(epoch, updates, shuffle.state());
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

    /** The task for a dataset: the trainer's, or the one its targets call for. */
    private Task taskFor(Dataset data) {
        return task != null ? task : Task.of(loss, data.targets());
    }

    private Evaluation evaluate(Dataset data, int outputs) {
        Task measured = taskFor(data);
        int n = data.size();
        Task.Tally tally = measured.tally(data, outputs);
        for (int from = 0; from < n; from += evaluationBatchSize) {
            int to = Math.min(n, from + evaluationBatchSize);
            Dataset chunk = to - from == n ? data : data.subset(IntStream.range(from, to).toArray());
            // a new graph: evaluation keeps the training graph's buffers intact
            Forward f = forward(measured, chunk.inputs(), measured.targets(chunk, outputs), new Graph(), false);
            tally.add(from, chunk, f.output(), f.value());
        }
        return tally.result();
    }

    /**
     * The width of the model's output, checked against the targets and the task by running
     * the model on one example.
     */
    private int outputWidth(Dataset data) {
        ChainruleException.requireNonNull(data, "trainer: dataset");
        Dataset one = data.subset(new int[] {0});
        return taskFor(data).checkOutputs(model.predict(one.inputs().toArray(new Tensor[0])).cols(), data);
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
     * Records the forward pass of one batch in {@code graph}, and for training the task's
     * objective (on standardised values, if the task standardises targets), for reports the
     * loss in the data's units.
     */
    private Forward forward(Task t, List<Tensor> inputs, Tensor targets, Graph graph, boolean training) {
        graph.setDetectAnomalies(detectAnomalies);
        List<Node> nodes = new ArrayList<>(inputs.size());
        for (int k = 0; k < inputs.size(); k++) {
            nodes.add(graph.input(inputs.size() == 1 ? "X" : "X" + k, inputs.get(k)));
        }
        Node output = model.apply(nodes.toArray(new Node[0]));
        return new Forward(output, training ? t.trainingObjective(nodes, output, targets)
                : t.loss().apply(output, graph.constant("T", targets)));
    }

    /** Zeroes, runs backward, clips, sets the scheduled rate and updates. */
    private void update(Forward f) {
        for (Parameter p : zeroed) {
            p.zeroGradient();
        }
        f.objective().graph().backward(f.objective());
        if (clipping != null) {
            clipping.clipInPlace(optimizer.parameters());
        }
        if (schedule != null) {
            optimizer.setLearningRate(schedule.rate(updates, baseRate));
        }
        optimizer.step();
        updates++;
    }

    /** One batch's recorded output and objective (training) or loss (evaluation). */
    private record Forward(Node output, Node objective) {
        double value() {
            return objective.value().item();
        }
    }
}
