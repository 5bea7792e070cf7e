package org.chainrule.nn.interop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Shape;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.Layer;
import org.chainrule.nn.Linear;
import org.chainrule.nn.Module;
import org.chainrule.nn.Sequential;
import org.chainrule.nn.interop.InteropException.Reason;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * How a model's parameters appear in a weights file: under which names, and in which
 * orientation. {@link Safetensors} and {@link Npz} save and load through a layout.
 *
 * <ul>
 *   <li>{@link #chainrule(Module)}: every parameter under its own name with its own shape
 *       {@code [rows, cols]}; a Chainrule model's files read back into the same model.</li>
 *   <li>{@link #pytorch(Layer)}: the names and shapes of the PyTorch {@code state_dict} of
 *       the same network. A {@link Linear} computes {@code Y = X W + b} with {@code W} of
 *       {@code inputs x outputs} and {@code b} a {@code 1 x outputs} row; PyTorch's
 *       {@code nn.Linear} computes {@code y = x A^T + b} and stores {@code weight = A = W^T}
 *       ({@code outputs x inputs}) and a rank-1 {@code bias} ({@code [outputs]}). The layout
 *       transposes the weight and flattens the bias on the way out, and undoes both on the
 *       way in. A {@link Sequential} is PyTorch's {@code nn.Sequential}: its layers are
 *       numbered from 0, parameter-free layers (activations) included, so
 *       {@code Mlp.builder(3).hidden(5, TANH).output(2, IDENTITY)} — {@code Linear, tanh,
 *       Linear} — has {@code 0.weight [5, 3]}, {@code 0.bias [5]}, {@code 2.weight [2, 5]},
 *       {@code 2.bias [2]}, as {@code nn.Sequential(nn.Linear(3, 5), nn.Tanh(),
 *       nn.Linear(5, 2))} does.</li>
 *   <li>{@link #builder()}: any other naming, for models that are not one stack (a PyTorch
 *       module with attributes {@code self.fc1}, {@code self.fc2} names them {@code fc1.weight},
 *       ...).</li>
 * </ul>
 *
 * <p>Loading is strict, as PyTorch's {@code load_state_dict(strict=True)}: every name of the
 * layout must be in the file with the shape it maps to, and the file may hold no other
 * names. Otherwise the load is refused with one message that lists every missing, extra and
 * mis-shaped entry by name, and no parameter changes. The Chainrule layout also accepts a
 * vector {@code [n]} for a {@code 1xn} parameter, as NumPy users write biases.
 */
public final class WeightLayout {
    private static final int PROBLEMS_SHOWN = 8;

    /** How a parameter's value is laid out in the file. */
    enum Form {
        /** As the parameter holds it, {@code [rows, cols]}. */
        AS_IS,
        /** Transposed, {@code [cols, rows]}: PyTorch's linear weight. */
        TRANSPOSED,
        /** A {@code 1 x n} row as the vector {@code [n]}: PyTorch's bias. */
        VECTOR
    }

    /**
     * One named array of the file and the parameter it holds.
     *
     * @param name the name in the file.
     * @param parameter the parameter.
     * @param form the orientation.
     */
    record Slot(String name, Parameter parameter, Form form) {
        /**
         * The array's shape in the file.
         *
         * @return e.g. {@code [5, 3]}.
         */
        long[] fileShape() {
            Shape s = parameter.shape();
            return switch (form) {
                case AS_IS -> new long[] {s.rows(), s.cols()};
                case TRANSPOSED -> new long[] {s.cols(), s.rows()};
                case VECTOR -> new long[] {s.cols()};
            };
        }

        boolean accepts(long[] shape) {
            return Arrays.equals(shape, fileShape())
                    || (form == Form.AS_IS && parameter.shape().rows() == 1
                            && Arrays.equals(shape, new long[] {parameter.shape().cols()}));
        }

        /**
         * The parameter's values in the file's order (row-major in the file's shape).
         *
         * @return the values; for {@link Form#AS_IS} and {@link Form#VECTOR} the live backing
         *     array, not to be modified.
         */
        double[] fileValues() {
            DMatrixRMaj value = parameter.mutableValue();
            return form == Form.TRANSPOSED ? CommonOps_DDRM.transpose(value, null).data : value.data;
        }

        /** The parameter's value from the file's array, read as a matrix by {@link ArrayHeader#toTensor}. */
        Tensor fromFile(Tensor read) {
            return form == Form.TRANSPOSED ? Tensor.adopt(CommonOps_DDRM.transpose(read.matrixView(), null)) : read;
        }

        @Override
        public String toString() {
            return name + " " + ArrayHeader.shapeText(fileShape()) + " <- '" + parameter.name() + "' "
                    + parameter.shape() + (form == Form.TRANSPOSED ? " transposed" : "");
        }
    }

    private final String kind;
    private final List<Slot> slots;

    private WeightLayout(String kind, List<Slot> slots) {
        this.kind = kind;
        this.slots = List.copyOf(slots);
    }

    /**
     * Chainrule's own layout: each parameter under its name, with its {@code rows x cols}
     * shape.
     *
     * @param model the model.
     * @return the layout.
     * @throws ChainruleException if {@code model} is null or two parameters share a name.
     */
    public static WeightLayout chainrule(Module model) {
        ChainruleException.requireNonNull(model, "weight layout: model");
        Builder builder = new Builder("Chainrule layout");
        for (Parameter p : Module.byName(model.parameters()).values()) {
            builder.parameter(p.name(), p);
        }
        return builder.build();
    }

    /**
     * The layout of the PyTorch {@code state_dict} of the same network: {@link Sequential}
     * as {@code nn.Sequential} (layers numbered from 0), {@link Linear} as {@code nn.Linear}
     * ({@code weight} transposed to {@code outputs x inputs}, {@code bias} a vector).
     *
     * @param model a {@link Linear}, or a {@link Sequential} (nested ones allowed) of linear
     *     and parameter-free layers.
     * @return the layout.
     * @throws ChainruleException if {@code model} is null or holds a layer with parameters
     *     that is neither linear nor sequential (use {@link #builder()} for it).
     */
    public static WeightLayout pytorch(Layer model) {
        return pytorch(model, "");
    }

    /**
     * {@link #pytorch(Layer)} for a network that sits inside a larger PyTorch module under
     * the attribute {@code module}, e.g. {@code "net"} for {@code self.net = nn.Sequential(...)},
     * whose names are then {@code net.0.weight}, ...
     *
     * @param model a {@link Linear}, or a {@link Sequential} of linear and parameter-free layers.
     * @param module the attribute path, dot-separated; empty for the top level.
     * @return the layout.
     * @throws ChainruleException as for {@link #pytorch(Layer)}, or if {@code module} is null.
     */
    public static WeightLayout pytorch(Layer model, String module) {
        ChainruleException.requireNonNull(model, "weight layout: model");
        ChainruleException.requireNonNull(module, "weight layout: module name");
        Builder builder = new Builder("PyTorch layout");
        walk(model, module, builder);
        return builder.build();
    }

    private static void walk(Layer layer, String module, Builder builder) {
        if (layer instanceof Linear linear) {
            builder.linear(module, linear);
        } else if (layer instanceof Sequential sequential) {
            List<Layer> layers = sequential.layers();
            for (int i = 0; i < layers.size(); i++) {
                walk(layers.get(i), module.isEmpty() ? Integer.toString(i) : module + "." + i, builder);
            }
        } else if (!layer.parameters().isEmpty()) {
            throw new ChainruleException("weight layout: layer '" + module + "' (" + layer + ") has parameters "
                    + layer.parameters() + " but is neither Linear nor Sequential, so the PyTorch layout cannot"
                    + " name them; map it with WeightLayout.builder()");
        }
    }

    /**
     * Starts a layout of your own naming.
     *
     * @return an empty builder.
     */
    public static Builder builder() {
        return new Builder("custom layout");
    }

    /**
     * The names in the file, in order.
     *
     * @return an unmodifiable list.
     */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (Slot slot : slots) {
            names.add(slot.name());
        }
        return Collections.unmodifiableList(names);
    }

    List<Slot> slots() {
        return slots;
    }

    /**
     * Checks a file's arrays against this layout: every name present with the shape it
     * maps to, and no other names.
     *
     * @param file the file's arrays by name. Not modified.
     * @param where the file, for the message.
     * @throws InteropException listing every problem by name, if there is one.
     */
    void check(Map<String, ArrayHeader> file, String where) {
        List<String> problems = new ArrayList<>();
        Set<String> expected = new LinkedHashSet<>();
        for (Slot slot : slots) {
            expected.add(slot.name());
            ArrayHeader header = file.get(slot.name());
            String model = "the model's '" + slot.parameter().name() + "' (" + slot.parameter().shape() + ")";
            if (header == null) {
                problems.add("'" + slot.name() + "' for " + model + " is missing");
            } else if (!slot.accepts(header.shape())) {
                problems.add("'" + slot.name() + "' is " + header.shapeText() + " in the file but " + model
                        + " needs " + ArrayHeader.shapeText(slot.fileShape()));
            }
        }
        for (ArrayHeader header : file.values()) {
            if (!expected.contains(header.name())) {
                problems.add("the file has '" + header.name() + "' " + header.shapeText() + " that the model does not");
            }
        }
        if (!problems.isEmpty()) {
            String shown = String.join("; ", problems.subList(0, Math.min(PROBLEMS_SHOWN, problems.size())))
                    + (problems.size() > PROBLEMS_SHOWN ? "; and " + (problems.size() - PROBLEMS_SHOWN) + " more" : "");
            throw new InteropException(Reason.MODEL_MISMATCH, where + " does not match the model in the " + kind
                    + ": " + shown + ". Nothing was loaded");
        }
    }

    /**
     * Sets every parameter from the file's arrays, after checking that arrays holding the
     * same (shared) parameter agree; nothing changes if they do not.
     *
     * @param read the file's arrays as tensors, by name, already {@link #check checked}. Not modified.
     * @param where the file, for the message.
     * @throws InteropException if two arrays for one shared parameter differ.
     */
    void assign(Map<String, Tensor> read, String where) {
        Map<Parameter, Slot> firstSlot = new IdentityHashMap<>();
        Map<Parameter, Tensor> values = new IdentityHashMap<>();
        for (Slot slot : slots) {
            Tensor value = slot.fromFile(read.get(slot.name()));
            Tensor earlier = values.putIfAbsent(slot.parameter(), value);
            if (earlier != null && !earlier.equals(value)) {
                throw new InteropException(Reason.MODEL_MISMATCH, where + ": '" + firstSlot.get(slot.parameter()).name()
                        + "' and '" + slot.name() + "' both hold the model's shared parameter '"
                        + slot.parameter().name() + "' but differ. Nothing was loaded");
            }
            firstSlot.putIfAbsent(slot.parameter(), slot);
        }
        for (Map.Entry<Parameter, Tensor> e : values.entrySet()) {
            e.getKey().setValue(e.getValue());
        }
    }

    /** The layout's kind and its mapping, one entry per name, e.g. {@code 0.weight [5, 3] <- 'layer1.weight' 3x5 transposed}. */
    @Override
    public String toString() {
        return kind + " " + slots;
    }

    /** Collects the names, parameters and orientations of a layout. */
    public static final class Builder {
        private final String kind;
        private final Map<String, Slot> slots = new LinkedHashMap<>();

        private Builder(String kind) {
            this.kind = kind;
        }

        /**
         * Maps a parameter as it is, {@code [rows, cols]}.
         *
         * @param name the name in the file, non-blank and not yet used.
         * @param parameter the parameter.
         * @return this builder.
         * @throws ChainruleException if an argument is null, or the name is blank or taken.
         */
        public Builder parameter(String name, Parameter parameter) {
            return add(name, parameter, Form.AS_IS);
        }

        /**
         * Maps a parameter transposed, {@code [cols, rows]}.
         *
         * @param name the name in the file, non-blank and not yet used.
         * @param parameter the parameter.
         * @return this builder.
         * @throws ChainruleException if an argument is null, or the name is blank or taken.
         */
        public Builder transposed(String name, Parameter parameter) {
            return add(name, parameter, Form.TRANSPOSED);
        }

        /**
         * Maps a {@code 1 x n} row parameter as the vector {@code [n]}.
         *
         * @param name the name in the file, non-blank and not yet used.
         * @param parameter the parameter, one row.
         * @return this builder.
         * @throws ChainruleException if an argument is null, the parameter has more than one
         *     row, or the name is blank or taken.
         */
        public Builder vector(String name, Parameter parameter) {
            ChainruleException.requireNonNull(parameter, "weight layout: parameter for '" + name + "'");
            if (parameter.shape().rows() != 1) {
                throw new ChainruleException("weight layout: '" + name + "' maps parameter '" + parameter.name()
                        + "' " + parameter.shape() + " as a vector, but only a 1 x n row is one");
            }
            return add(name, parameter, Form.VECTOR);
        }

        /**
         * Maps a linear layer as PyTorch's {@code nn.Linear} named {@code module}:
         * {@code module.weight} ({@code outputs x inputs}, the transpose of {@code W}) and,
         * if the layer has a bias, {@code module.bias} ({@code [outputs]}).
         *
         * @param module the PyTorch module's name, e.g. {@code fc1}; empty for a bare
         *     {@code nn.Linear}, whose names are {@code weight} and {@code bias}.
         * @param layer the layer.
         * @return this builder.
         * @throws ChainruleException if an argument is null, or a name is taken.
         */
        public Builder linear(String module, Linear layer) {
            ChainruleException.requireNonNull(module, "weight layout: module name");
            ChainruleException.requireNonNull(layer, "weight layout: linear layer '" + module + "'");
            String prefix = module.isEmpty() ? "" : module + ".";
            transposed(prefix + "weight", layer.weight());
            layer.bias().ifPresent(b -> vector(prefix + "bias", b));
            return this;
        }

        private Builder add(String name, Parameter parameter, Form form) {
            if (name == null || name.isBlank()) {
                throw new ChainruleException("weight layout: a name in the file must be non-blank, got "
                        + (name == null ? "null" : "'" + name + "'"));
            }
            ChainruleException.requireNonNull(parameter, "weight layout: parameter for '" + name + "'");
            Slot previous = slots.putIfAbsent(name, new Slot(name, parameter, form));
            if (previous != null) {
                throw new ChainruleException("weight layout: the name '" + name + "' is already used for "
                        + previous + "; names in a file must be distinct");
            }
            return this;
        }

        /**
         * The layout.
         *
         * @return the layout, in the order the names were added.
         * @throws ChainruleException if no name was added.
         */
        public WeightLayout build() {
            if (slots.isEmpty()) {
                throw new ChainruleException("weight layout: " + kind + " maps no parameters");
            }
            return new WeightLayout(kind, new ArrayList<>(slots.values()));
        }
    }
}
