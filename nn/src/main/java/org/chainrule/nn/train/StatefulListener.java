package org.chainrule.nn.train;

import java.util.Map;
import org.chainrule.core.Tensor;

/**
 * A listener whose state the next epochs depend on (such as {@link EarlyStopping}'s best
 * value, patience count and best weights), so that a resumable checkpoint holds it. The
 * trainer saves it at every epoch boundary it checkpoints and restores it when resuming.
 */
public interface StatefulListener extends TrainingListener {

    /**
     * A name for this listener's entries, unique among the trainer's stateful listeners.
     *
     * @return e.g. {@code "early-stopping"}.
     */
    String stateName();

    /**
     * Writes the state.
     *
     * @param metadata text entries to add to. Modified.
     * @param tensors tensor entries to add to. Modified.
     */
    void saveState(Map<String, String> metadata, Map<String, Tensor> tensors);

    /**
     * Reads back what {@link #saveState} wrote.
     *
     * @param metadata the text entries. Not modified.
     * @param tensors the tensor entries. Not modified.
     * @throws org.chainrule.core.ChainruleException if an entry is missing or malformed.
     */
    void restoreState(Map<String, String> metadata, Map<String, Tensor> tensors);
}
