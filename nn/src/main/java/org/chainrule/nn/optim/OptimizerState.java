package org.chainrule.nn.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;

/**
 * Everything an optimizer's next update depends on besides the parameters: for a resumable
 * checkpoint. Immutable.
 *
 * @param optimizer the optimizer's name, e.g. {@code "Adam"}; restoring into another kind is refused.
 * @param steps the number of updates made.
 * @param learningRate the current learning rate.
 * @param buffers the per-parameter state by {@code buffer/parameter} name, e.g.
 *     {@code "m/layer1.weight"} (Adam's first moment).
 */
public record OptimizerState(String optimizer, long steps, double learningRate, Map<String, Tensor> buffers) {
    /**
     * Copies the map.
     *
     * @param optimizer the optimizer's name.
     * @param steps the number of updates made, non-negative.
     * @param learningRate the current rate.
     * @param buffers the buffers by name. Not modified (copied).
     * @throws ChainruleException if an argument is null or the step count is negative.
     */
    public OptimizerState {
        ChainruleException.requireNonNull(optimizer, "optimizer state: name");
        ChainruleException.requireNonNull(buffers, "optimizer state: buffers");
        if (steps < 0) {
            throw new ChainruleException("optimizer state: negative step count " + steps);
        }
        Map<String, Tensor> copy = new LinkedHashMap<>(); // in order: Map.copyOf's order changes from run to run
        buffers.forEach((k, v) -> copy.put(ChainruleException.requireNonNull(k, "optimizer state: a buffer name"),
                ChainruleException.requireNonNull(v, "optimizer state: buffer '" + k + "'")));
        buffers = Collections.unmodifiableMap(copy);
    }
}
