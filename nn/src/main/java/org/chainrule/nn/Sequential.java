package org.chainrule.nn;

import java.util.Arrays;
import java.util.List;
import org.chainrule.core.ChainruleException;
import org.chainrule.graph.Node;
import org.chainrule.graph.Parameter;

/**
 * Layers applied one after another: {@code y = f_k(... f_2(f_1(x)))}. Its parameters are
 * the layers' parameters in order, a shared parameter listed once.
 */
public final class Sequential implements Layer {
    private final List<Layer> layers;
    private final List<Parameter> parameters;

    /**
     * A stack of layers.
     *
     * @param layers the layers, first applied first; at least one. Not modified (copied).
     * @throws ChainruleException if there are no layers, a layer is null or two different
     *     parameters share a name.
     */
    public Sequential(List<? extends Layer> layers) {
        if (layers == null || layers.isEmpty()) {
            throw new ChainruleException("sequential: needs at least one layer");
        }
        for (int i = 0; i < layers.size(); i++) {
            ChainruleException.requireNonNull(layers.get(i), "sequential: layer " + i);
        }
        this.layers = List.copyOf(layers);
        this.parameters = Module.parametersOf(this.layers.toArray(new Layer[0]));
    }

    /**
     * A stack of layers.
     *
     * @param layers the layers, first applied first; at least one.
     * @return the stack.
     * @throws ChainruleException if there are no layers, a layer is null or two different
     *     parameters share a name.
     */
    public static Sequential of(Layer... layers) {
        return new Sequential(layers == null ? null : Arrays.asList(layers));
    }

    /**
     * The layers, in order.
     *
     * @return an unmodifiable list.
     */
    public List<Layer> layers() {
        return layers;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public Node apply(Node input) {
        Node h = input;
        for (int i = 0; i < layers.size(); i++) { // indexed: no iterator per step
            h = layers.get(i).apply(h);
        }
        return h;
    }

    /** One line per layer, e.g. {@code Sequential[Linear(2 -> 4, ...), tanh, ...]}. */
    @Override
    public String toString() {
        return "Sequential" + layers;
    }
}
