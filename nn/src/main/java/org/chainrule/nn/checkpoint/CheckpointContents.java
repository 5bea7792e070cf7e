package org.chainrule.nn.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Quote;
import org.chainrule.core.Tensor;

/**
 * What a checkpoint file holds: the model's parameters by name, further named tensors (an
 * optimizer's moments, standardisation statistics, the best weights of early stopping), and
 * text metadata (the epoch, the shuffle generator's state, a model's architecture). Immutable;
 * the maps keep their order.
 *
 * @param parameters the model's parameter values by name.
 * @param state further tensors by name.
 * @param metadata text values by key.
 */
public record CheckpointContents(Map<String, Tensor> parameters, Map<String, Tensor> state,
                                 Map<String, String> metadata) {
    /**
     * Copies the maps, keeping their order.
     *
     * @param parameters the parameter values by name. Not modified.
     * @param state further tensors by name. Not modified.
     * @param metadata text values by key. Not modified.
     * @throws ChainruleException if a map, a key or a value is null, or a name is empty.
     */
    public CheckpointContents {
        parameters = copy(parameters, "parameters");
        state = copy(state, "state");
        metadata = copy(metadata, "metadata");
    }

    /**
     * Parameters only, as version 1 files hold.
     *
     * @param parameters the parameter values by name.
     * @return contents with no state and no metadata.
     */
    public static CheckpointContents ofParameters(Map<String, Tensor> parameters) {
        return new CheckpointContents(parameters, Map.of(), Map.of());
    }

    /**
     * A metadata value that must be present.
     *
     * @param key the key.
     * @return the value.
     * @throws CheckpointException if it is missing.
     */
    public String require(String key) {
        String value = metadata.get(key);
        if (value == null) {
            throw new CheckpointException(CheckpointException.Reason.MODEL_MISMATCH, "checkpoint: no '" + key
                    + "' entry: the file was not written for this use (keys: "
                    + metadata.keySet().stream().map(Quote::of).toList() + ")");
        }
        return value;
    }

    private static <V> Map<String, V> copy(Map<String, V> map, String what) {
        ChainruleException.requireNonNull(map, "checkpoint contents: " + what);
        Map<String, V> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            ChainruleException.requireNonNull(k, "checkpoint contents: a key of the " + what);
            if (k.isEmpty()) {
                throw new ChainruleException("checkpoint contents: an empty name among the " + what);
            }
            copy.put(k, ChainruleException.requireNonNull(v, "checkpoint contents: the value of '" + k + "'"));
        });
        return Collections.unmodifiableMap(copy);
    }
}
