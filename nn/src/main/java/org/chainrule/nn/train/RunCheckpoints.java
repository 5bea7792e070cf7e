package org.chainrule.nn.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.Module;
import org.chainrule.nn.checkpoint.Checkpoint;
import org.chainrule.nn.checkpoint.CheckpointContents;
import org.chainrule.nn.checkpoint.CheckpointException;
import org.chainrule.nn.checkpoint.TrainingCheckpoint;
import org.chainrule.nn.optim.Optimizer;
import org.chainrule.nn.optim.OptimizerState;

/**
 * A trainer's checkpoints: after an epoch, writes the parameters, the caller's own entries
 * and the run's state ({@link TrainingCheckpoint}, whose format {@code nn.checkpoint} owns)
 * to the checkpoint file; when resuming, reads a run's state back into the optimizer, the
 * parameters and the stateful listeners, all or nothing. Used by one trainer.
 */
final class RunCheckpoints {
    private final Module model;
    private final Optimizer optimizer;
    private final List<TrainingListener> listeners;
    private final TrainingCheckpoint.Run run;
    private final Path file;
    private final Map<String, String> metadata;
    private final Map<String, Tensor> state;

    /**
     * The checkpoints of one run.
     *
     * @param model the model whose parameters are saved.
     * @param optimizer the optimizer whose state is saved.
     * @param listeners the trainer's listeners (the stateful ones are saved).
     * @param run the run's shape: training examples, shuffle seed and batch size.
     * @param file where to write after every epoch, or null for no checkpoints.
     * @param metadata the caller's own text entries.
     * @param state the caller's own tensors.
     */
    RunCheckpoints(Module model, Optimizer optimizer, List<TrainingListener> listeners, TrainingCheckpoint.Run run,
                   Path file, Map<String, String> metadata, Map<String, Tensor> state) {
        this.model = model;
        this.optimizer = optimizer;
        this.listeners = listeners;
        this.run = run;
        this.file = file;
        this.metadata = metadata;
        this.state = state;
    }

    /** Writes the checkpoint after {@code epoch}, if the trainer has a checkpoint file. */
    void write(int epoch, long updates, long shuffleState) {
        if (file == null) {
            return;
        }
        Map<String, TrainingCheckpoint.Section> sections = new LinkedHashMap<>();
        for (TrainingListener l : listeners) {
            if (l instanceof StatefulListener stateful) {
                Map<String, String> m = new LinkedHashMap<>();
                Map<String, Tensor> t = new LinkedHashMap<>();
                stateful.saveState(m, t);
                sections.put(stateful.stateName(), new TrainingCheckpoint.Section(m, t));
            }
        }
        TrainingCheckpoint saved = new TrainingCheckpoint(epoch, updates, shuffleState, run, optimizer.state(),
                sections);
        Checkpoint.write(saved.contents(parameterValues(), metadata, state), file);
    }

    /**
     * Restores a checkpointed run from {@code from} into the optimizer, the parameters and the
     * stateful listeners, and returns its state (for the epoch, the updates and the shuffle).
     *
     * @throws CheckpointException if the file cannot be read or does not fit this run.
     * @throws ChainruleException if the checkpoint has finished {@code epochs} epochs already.
     */
    TrainingCheckpoint resume(Path from, int epochs) {
        CheckpointContents contents = Checkpoint.readContents(from);
        String where = "resume from " + from;
        TrainingCheckpoint saved = TrainingCheckpoint.from(contents, where);
        saved.requireRun(run, where);
        if (saved.epoch() >= epochs) {
            throw new ChainruleException(where + ": the checkpoint has finished epoch " + saved.epoch() + " and this"
                    + " run has " + epochs + " epochs: ask for more epochs to continue");
        }
        restoreAllOrNothing(contents.parameters(), saved, where);
        return saved;
    }

    /**
     * Restores the optimizer, the parameters and the stateful listeners, or, if any of them
     * refuses its part, puts the optimizer and the parameters back as they were before
     * rethrowing: a refused resume changes nothing.
     */
    private void restoreAllOrNothing(Map<String, Tensor> parameters, TrainingCheckpoint saved, String where) {
        OptimizerState optimizerBefore = optimizer.state();
        Map<String, Tensor> parametersBefore = parameterValues();
        try {
            try {
                optimizer.restoreState(saved.optimizer());
            } catch (CheckpointException e) {
                throw e;
            } catch (ChainruleException e) {
                throw new CheckpointException(CheckpointException.Reason.MODEL_MISMATCH, where + ": " + e.getMessage(),
                        e);
            }
            Checkpoint.assign(model.parameters(), parameters, where);
            for (TrainingListener l : listeners) {
                if (l instanceof StatefulListener stateful) {
                    TrainingCheckpoint.Section section = saved.listener(stateful.stateName());
                    stateful.restoreState(section.metadata(), section.tensors());
                }
            }
        } catch (RuntimeException e) {
            optimizer.restoreState(optimizerBefore);
            Checkpoint.assign(model.parameters(), parametersBefore, where);
            throw e;
        }
    }

    private Map<String, Tensor> parameterValues() {
        Map<String, Tensor> values = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            values.put(p.name(), p.value());
        }
        return values;
    }
}
