package org.chainrule.nn.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.Module;
import org.chainrule.nn.Standardization;
import org.chainrule.nn.loss.Loss;
import org.chainrule.nn.optim.GradientClipping;
import org.chainrule.nn.optim.LearningRateSchedule;
import org.chainrule.nn.optim.Optimizer;

/**
 * Configures a {@link Trainer}: from {@link Trainer#builder}, set what differs from the
 * defaults, then {@link #build()}, which checks that the optimizer and the model fit together.
 * A builder is used by one thread; each {@code build()} makes a new trainer.
 */
public final class TrainerBuilder {
    final Module model;
    final Task task;
    final Loss loss;
    final Optimizer optimizer;
    int epochs = 1;
    int batchSize = 32;
    long seed;
    boolean evaluateTrainingSet = true;
    int evaluationBatchSize = 1024;
    boolean detectAnomalies;
    GradientClipping clipping;
    LearningRateSchedule schedule;
    double validationRatio;
    Path checkpointFile;
    Map<String, String> checkpointMetadata = Map.of();
    Map<String, Tensor> checkpointState = Map.of();
    Path resumeFile;
    final Set<Parameter> frozen = Collections.newSetFromMap(new IdentityHashMap<>());
    final List<TrainingListener> listeners = new ArrayList<>();

    TrainerBuilder(Module model, Task task, Loss loss, Optimizer optimizer) {
        this.model = ChainruleException.requireNonNull(model, "trainer: model");
        this.task = task;
        this.loss = loss;
        this.optimizer = ChainruleException.requireNonNull(optimizer, "trainer: optimizer");
    }
    /**
     * Sets the number of passes over the training set.
     *
     * @param count at least 1.
     * @return this builder.
     * @throws ChainruleException if the number is less than 1.
     */
    public TrainerBuilder epochs(int count) {
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
    public TrainerBuilder batchSize(int size) {
        this.batchSize = requirePositive("batch size", size);
        return this;
    }

    /**
     * Sets the seed of the per-epoch shuffle.
     *
     * @param newSeed the seed.
     * @return this builder.
     */
    public TrainerBuilder seed(long newSeed) {
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
    public TrainerBuilder listener(TrainingListener listener) {
        listeners.add(ChainruleException.requireNonNull(listener, "trainer: listener"));
        return this;
    }

    /**
     * Chooses how the epoch's training loss and accuracy are measured: by a full pass over
     * the training set after the epoch (true, the default; exact, and comparable with the
     * test values), or as the running mean over the epoch's mini-batches, each measured
     * before its update (false; free, but it mixes weights from the whole epoch, and with
     * standardised targets ({@link Task#regression(Loss, Standardization)}) it is the loss on standardised targets, with no RMSE or R^2).
     *
     * @param fullPass true for a full pass.
     * @return this builder.
     */
    public TrainerBuilder evaluateTrainingSet(boolean fullPass) {
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
    public TrainerBuilder evaluationBatchSize(int size) {
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
    public TrainerBuilder detectAnomalies(boolean on) {
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
    public TrainerBuilder freeze(Parameter... parameters) {
        ChainruleException.requireNonNull(parameters, "trainer: the frozen parameters");
        for (Parameter p : parameters) {
            frozen.add(ChainruleException.requireNonNull(p, "trainer: a frozen parameter"));
        }
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
    public TrainerBuilder clipGradientNorm(double maxNorm) {
        return clipGradients(new GradientClipping(maxNorm));
    }

    /**
     * Clips gradients before each update, over the optimizer's parameters together.
     *
     * @param newClipping the clipping.
     * @return this builder.
     * @throws ChainruleException if {@code newClipping} is null.
     */
    public TrainerBuilder clipGradients(GradientClipping newClipping) {
        this.clipping = ChainruleException.requireNonNull(newClipping, "trainer: clipping");
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
    public TrainerBuilder schedule(LearningRateSchedule newSchedule) {
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
    public TrainerBuilder validationRatio(double ratio) {
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
    public TrainerBuilder checkpointTo(Path file) {
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
    public TrainerBuilder checkpointTo(Path file, Map<String, String> metadata, Map<String, Tensor> state) {
        this.checkpointFile = ChainruleException.requireNonNull(file, "trainer: checkpoint file");
        this.checkpointMetadata = inOrder(metadata, "trainer: metadata");
        this.checkpointState = inOrder(state, "trainer: state");
        return this;
    }

    /**
     * Continues a checkpointed run: {@link Trainer#fit} loads the parameters, the optimizer's
     * state, the update count, the shuffle generator and the stateful listeners from the
     * file and runs the epochs after the saved one. The trainer must be built as the
     * interrupted one was (model, optimizer, seeds, data; {@code epochs} may be larger).
     *
     * @param file a file written by {@link #checkpointTo}.
     * @return this builder.
     * @throws ChainruleException if {@code file} is null.
     */
    public TrainerBuilder resumeFrom(Path file) {
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
                    + " model.parameters(), or mark them frozen with TrainerBuilder.freeze(...)");
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

    /**
     * The parameters whose gradients each step zeroes before its backward pass: the model's,
     * frozen ones included, then the optimizer's that the model lacks, each once.
     */
    Parameter[] zeroed() {
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Parameter> zero = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            if (seen.add(p)) {
                zero.add(p);
            }
        }
        for (Parameter p : optimizer.parameters()) {
            if (seen.add(p)) {
                zero.add(p);
            }
        }
        return zero.toArray(new Parameter[0]);
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
