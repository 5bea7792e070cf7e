package org.chainrule.nn.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.nn.optim.OptimizerState;

/**
 * The state of a training run at the end of an epoch, everything the next epoch depends on
 * besides the parameters: the epoch, the number of updates (a schedule's position), the
 * shuffling generator's state, the optimizer's state (moments, step count, rate), the stateful
 * listeners' entries, and the run's shape ({@link Run}: what must be the same to resume). This
 * class owns the run's format inside a {@link Checkpoint} file; the trainer writes one after
 * every epoch and reads it back to resume. Immutable.
 *
 * <p>Format, version 1, as entries of {@link CheckpointContents} after the caller's own:
 * <pre>
 * metadata  chainrule.training  "1"
 *           trainer.epoch, trainer.updates, trainer.shuffle, trainer.examples, trainer.seed,
 *           trainer.batch        decimal numbers
 *           optimizer.name, optimizer.steps (decimal),
 *           optimizer.rate       the rate's IEEE-754 bits in hexadecimal (exact)
 *           listener/NAME/KEY    a stateful listener's text entries
 * state     optimizer/BUFFER     the optimizer's buffers, e.g. optimizer/m/layer1.weight
 *           listener/NAME/KEY    a stateful listener's tensors
 * </pre>
 */
public final class TrainingCheckpoint {
    /** The metadata key that marks a file holding a training run, and whose value is the format version. */
    public static final String FORMAT = "chainrule.training";
    /** The version of the run's format this code writes and reads. */
    public static final String VERSION = "1";

    private static final String OPTIMIZER = "optimizer/";
    private static final String LISTENER = "listener/";

    private final int epoch;
    private final long updates;
    private final long shuffleState;
    private final Run run;
    private final OptimizerState optimizer;
    /** The stateful listeners' text entries, by {@code NAME/KEY}. */
    private final Map<String, String> listenerMetadata;
    /** The stateful listeners' tensors, by {@code NAME/KEY}. */
    private final Map<String, Tensor> listenerTensors;

    /**
     * What must be the same to resume a run: the training examples (after any validation
     * part is held out), the shuffle seed and the batch size.
     *
     * @param examples the number of training examples.
     * @param seed the trainer's shuffle seed.
     * @param batchSize the mini-batch size.
     */
    public record Run(int examples, long seed, int batchSize) {
    }

    /**
     * One stateful listener's entries. Immutable; the maps keep their order.
     *
     * @param metadata its text entries by key.
     * @param tensors its tensors by key.
     */
    public record Section(Map<String, String> metadata, Map<String, Tensor> tensors) {
        /**
         * Copies the maps, keeping their order.
         *
         * @param metadata text entries. Not modified.
         * @param tensors tensors. Not modified.
         * @throws ChainruleException if a map is null.
         */
        public Section {
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(
                    ChainruleException.requireNonNull(metadata, "training checkpoint: a listener's metadata")));
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(
                    ChainruleException.requireNonNull(tensors, "training checkpoint: a listener's tensors")));
        }
    }

    /**
     * A run's state after {@code epoch}.
     *
     * @param epoch the last finished epoch, at least 1.
     * @param updates the updates made so far.
     * @param shuffleState the shuffling generator's state.
     * @param run the run's shape.
     * @param optimizer the optimizer's state.
     * @param listeners the stateful listeners' entries by their state names, in order. Not modified.
     * @throws ChainruleException if an argument is null, or a number is out of range.
     */
    public TrainingCheckpoint(int epoch, long updates, long shuffleState, Run run, OptimizerState optimizer,
                              Map<String, Section> listeners) {
        this(epoch, updates, shuffleState, run, optimizer, flatten(listeners, Section::metadata),
                flatten(listeners, Section::tensors));
    }

    private TrainingCheckpoint(int epoch, long updates, long shuffleState, Run run, OptimizerState optimizer,
                               Map<String, String> listenerMetadata, Map<String, Tensor> listenerTensors) {
        if (epoch < 1 || updates < 0) {
            throw new ChainruleException("training checkpoint: epoch " + epoch + " and " + updates + " updates: the"
                    + " epoch must be at least 1 and the updates at least 0");
        }
        this.epoch = epoch;
        this.updates = updates;
        this.shuffleState = shuffleState;
        this.run = ChainruleException.requireNonNull(run, "training checkpoint: run");
        this.optimizer = ChainruleException.requireNonNull(optimizer, "training checkpoint: optimizer state");
        this.listenerMetadata = Collections.unmodifiableMap(listenerMetadata);
        this.listenerTensors = Collections.unmodifiableMap(listenerTensors);
    }

    /**
     * The last finished epoch.
     *
     * @return at least 1.
     */
    public int epoch() {
        return epoch;
    }

    /**
     * The updates made by the end of that epoch.
     *
     * @return the count.
     */
    public long updates() {
        return updates;
    }

    /**
     * The shuffling generator's state.
     *
     * @return the state.
     */
    public long shuffleState() {
        return shuffleState;
    }

    /**
     * The run's shape.
     *
     * @return examples, seed and batch size.
     */
    public Run run() {
        return run;
    }

    /**
     * The optimizer's state.
     *
     * @return the state.
     */
    public OptimizerState optimizer() {
        return optimizer;
    }

    /**
     * A stateful listener's entries.
     *
     * @param name the listener's state name.
     * @return its entries; empty if the run had no such listener.
     * @throws ChainruleException if {@code name} is null.
     */
    public Section listener(String name) {
        String prefix = ChainruleException.requireNonNull(name, "training checkpoint: listener name") + "/";
        return new Section(strip(listenerMetadata, prefix), strip(listenerTensors, prefix));
    }

    /**
     * Refuses to resume a run of another shape.
     *
     * @param current this run's shape.
     * @param where what to name in the message, e.g. {@code "resume from run.ckpt"}.
     * @throws CheckpointException ({@link CheckpointException.Reason#MODEL_MISMATCH}) if they differ.
     * @throws ChainruleException if {@code current} is null.
     */
    public void requireRun(Run current, String where) {
        ChainruleException.requireNonNull(current, "training checkpoint: this run");
        if (!run.equals(current)) {
            throw new CheckpointException(CheckpointException.Reason.MODEL_MISMATCH, where + ": the run was"
                    + " checkpointed with " + run.examples() + " training examples, seed " + run.seed()
                    + " and batches of " + run.batchSize() + "; this one has " + current.examples() + ", seed "
                    + current.seed() + " and batches of " + current.batchSize() + ": resume with the same data, seeds"
                    + " and batch size");
        }
    }

    /**
     * The file's contents: the caller's entries first, then the run's.
     *
     * @param parameters the model's parameters by name. Not modified.
     * @param metadata the caller's own text entries (a model's description). Not modified.
     * @param state the caller's own tensors (standardisation statistics). Not modified.
     * @return the contents to write with {@link Checkpoint#write}.
     * @throws ChainruleException if an argument is null.
     */
    public CheckpointContents contents(Map<String, Tensor> parameters, Map<String, String> metadata,
                                       Map<String, Tensor> state) {
        Map<String, String> m = new LinkedHashMap<>(ChainruleException.requireNonNull(metadata,
                "training checkpoint: metadata"));
        Map<String, Tensor> s = new LinkedHashMap<>(ChainruleException.requireNonNull(state,
                "training checkpoint: state"));
        m.put(FORMAT, VERSION);
        m.put("trainer.epoch", Integer.toString(epoch));
        m.put("trainer.updates", Long.toString(updates));
        m.put("trainer.shuffle", Long.toString(shuffleState));
        m.put("trainer.examples", Integer.toString(run.examples()));
        m.put("trainer.seed", Long.toString(run.seed()));
        m.put("trainer.batch", Integer.toString(run.batchSize()));
        m.put("optimizer.name", optimizer.optimizer());
        m.put("optimizer.steps", Long.toString(optimizer.steps()));
        m.put("optimizer.rate", Long.toHexString(Double.doubleToRawLongBits(optimizer.learningRate())));
        optimizer.buffers().forEach((name, value) -> s.put(OPTIMIZER + name, value));
        listenerMetadata.forEach((k, v) -> m.put(LISTENER + k, v));
        listenerTensors.forEach((k, v) -> s.put(LISTENER + k, v));
        return new CheckpointContents(parameters, s, m);
    }

    /**
     * Whether a file's contents hold a training run (in this format version).
     *
     * @param contents what a file holds.
     * @return true if it was written by a trainer's checkpoint.
     * @throws ChainruleException if {@code contents} is null.
     */
    public static boolean isIn(CheckpointContents contents) {
        return VERSION.equals(ChainruleException.requireNonNull(contents, "training checkpoint: contents")
                .metadata().get(FORMAT));
    }

    /**
     * Reads the run's state from a file's contents.
     *
     * @param saved what the file holds.
     * @param where what to name in messages, e.g. {@code "resume from run.ckpt"}.
     * @return the run's state.
     * @throws CheckpointException if the file holds no training run or an entry is missing
     *     ({@link CheckpointException.Reason#MODEL_MISMATCH}), or a number is malformed
     *     ({@link CheckpointException.Reason#CORRUPTED}).
     */
    public static TrainingCheckpoint from(CheckpointContents saved, String where) {
        if (!isIn(saved)) {
            throw new CheckpointException(CheckpointException.Reason.MODEL_MISMATCH, where + ": the file holds a model"
                    + " but no training state (it was not written by a trainer's checkpointTo)");
        }
        try {
            Run run = new Run(Integer.parseInt(saved.require("trainer.examples")),
                    Long.parseLong(saved.require("trainer.seed")), Integer.parseInt(saved.require("trainer.batch")));
            long steps = Long.parseLong(saved.require("optimizer.steps"));
            if (steps < 0) {
                throw new NumberFormatException("a negative optimizer step count " + steps);
            }
            OptimizerState optimizer = new OptimizerState(saved.require("optimizer.name"), steps,
                    Double.longBitsToDouble(Long.parseUnsignedLong(saved.require("optimizer.rate"), 16)),
                    strip(saved.state(), OPTIMIZER));
            int epoch = Integer.parseInt(saved.require("trainer.epoch"));
            long updates = Long.parseLong(saved.require("trainer.updates"));
            if (epoch < 1 || updates < 0) {
                throw new NumberFormatException("epoch " + epoch + " and " + updates + " updates");
            }
            return new TrainingCheckpoint(epoch, updates, Long.parseLong(saved.require("trainer.shuffle")), run,
                    optimizer, new LinkedHashMap<>(strip(saved.metadata(), LISTENER)),
                    new LinkedHashMap<>(strip(saved.state(), LISTENER)));
        } catch (NumberFormatException e) {
            throw new CheckpointException(CheckpointException.Reason.CORRUPTED, where + ": a malformed number in the"
                    + " training state: " + e.getMessage(), e);
        }
    }

    private static <V> Map<String, V> flatten(Map<String, Section> listeners,
                                              java.util.function.Function<Section, Map<String, V>> part) {
        Map<String, V> out = new LinkedHashMap<>();
        ChainruleException.requireNonNull(listeners, "training checkpoint: listeners").forEach((name, section) ->
                ChainruleException.requireNonNull(part.apply(ChainruleException.requireNonNull(section,
                        "training checkpoint: listener '" + name + "'")), "training checkpoint: a section")
                        .forEach((k, v) -> out.put(name + "/" + k, v)));
        return out;
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
}
