package org.chainrule.nn.optim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Parameter;
import org.ejml.data.DMatrixRMaj;

/**
 * What every built-in optimizer shares: its parameter list, the learning rate, the step
 * count, weight decay, zeroing gradients, and taking and restoring its state. A step is
 * {@link #step()}: count it, apply the weight decay, then the subclass's
 * {@link #update(double, long)}.
 */
abstract class BaseOptimizer implements Optimizer {
    private final String name;
    private final List<Parameter> parameters;
    /** The same parameters as an array, so that steps loop without allocating an iterator. */
    final Parameter[] array;
    private double learningRate;
    private long steps;
    private WeightDecay decay = WeightDecay.NONE;
    /** Whether each parameter is decayed, by index, under the current decay. */
    private boolean[] decayed;
    /** {@code g + lambda p} for L2-decayed parameters (null otherwise), so the gradient itself is left as it was. */
    private DMatrixRMaj[] decayedGradient;

    BaseOptimizer(String name, Collection<Parameter> parameters, double learningRate) {
        this.name = name;
        ChainruleException.requireNonNull(parameters, name + ": the collection of parameters");
        for (Parameter p : parameters) {
            ChainruleException.requireNonNull(p, name + ": a parameter in the collection");
        }
        this.parameters = List.copyOf(parameters);
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Parameter p : this.parameters) {
            if (!seen.add(p)) {
                throw new ChainruleException(name + ": parameter '" + p.name() + "' is listed twice; it would be"
                        + " updated twice per step. Pass each parameter once (Module.parameters() does)");
            }
        }
        this.array = this.parameters.toArray(new Parameter[0]);
        this.decayed = new boolean[array.length];
        this.decayedGradient = new DMatrixRMaj[array.length];
        setLearningRate(learningRate);
    }

    @Override
    public final List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public final double learningRate() {
        return learningRate;
    }

    @Override
    public final void setLearningRate(double newRate) {
        if (!(newRate > 0) || !Double.isFinite(newRate)) {
            throw new ChainruleException(name + ": learning rate must be a positive finite number, got " + newRate);
        }
        this.learningRate = newRate;
    }

    /**
     * How many steps have been taken since construction or the last {@link #reset()}.
     *
     * @return {@code t}.
     */
    public long steps() {
        return steps;
    }

    /**
     * The weight decay in force.
     *
     * @return {@link WeightDecay#NONE} unless set.
     */
    public WeightDecay weightDecay() {
        return decay;
    }

    /**
     * Sets the weight decay applied at every step from now on (L2 or decoupled; biases skipped
     * unless the decay says otherwise).
     *
     * @param newDecay the decay.
     * @throws ChainruleException if {@code newDecay} is null.
     */
    public void setWeightDecay(WeightDecay newDecay) {
        this.decay = ChainruleException.requireNonNull(newDecay, name + ": weight decay");
        for (int i = 0; i < array.length; i++) {
            decayed[i] = decay.rate() > 0 && decay.appliesTo().test(array[i]);
            boolean l2 = decayed[i] && !decay.decoupled();
            decayedGradient[i] = l2 ? new DMatrixRMaj(array[i].shape().rows(), array[i].shape().cols()) : null;
        }
    }

    @Override
    public final void zeroGradients() {
        for (Parameter p : array) {
            p.zeroGradient();
        }
    }

    /** Counts the step, applies the weight decay, then the update of this kind of optimizer. */
    @Override
    public final void step() {
        steps++;
        double alpha = learningRate;
        for (int i = 0; i < array.length; i++) {
            if (!decayed[i]) {
                continue;
            }
            DMatrixRMaj p = array[i].mutableValue();
            if (decay.decoupled()) {
                double keep = 1 - alpha * decay.rate();
                for (int k = 0; k < p.data.length; k++) {
                    p.data[k] *= keep;
                }
            } else {
                DMatrixRMaj g = array[i].mutableGradient();
                DMatrixRMaj out = decayedGradient[i];
                for (int k = 0; k < p.getNumElements(); k++) {
                    out.data[k] = g.data[k] + decay.rate() * p.data[k];
                }
            }
        }
        update(alpha, steps);
    }

    /**
     * This optimizer's update of every parameter, reading {@link #gradient(int)}.
     *
     * @param alpha the learning rate.
     * @param t the step number, from 1.
     */
    abstract void update(double alpha, long t);

    /**
     * The gradient the update uses for parameter {@code i}: its gradient, plus {@code lambda p} under L2 decay.
     *
     * @param i the parameter's index.
     * @return the gradient matrix. Not to be modified.
     */
    final DMatrixRMaj gradient(int i) {
        return decayedGradient[i] != null ? decayedGradient[i] : array[i].mutableGradient();
    }

    /**
     * The names of this optimizer's per-parameter buffers, e.g. {@code "m", "v"}; none by default.
     *
     * @return the names, in the order of {@link #buffers()}.
     */
    String[] bufferNames() {
        return new String[0];
    }

    /**
     * The per-parameter buffers, {@code buffers()[b][i]} for buffer {@code b} and parameter {@code i}.
     *
     * @return the live buffers.
     */
    DMatrixRMaj[][] buffers() {
        return new DMatrixRMaj[0][];
    }

    /** Sets every buffer to zero and the step count to 0. */
    @Override
    public final void reset() {
        for (DMatrixRMaj[] buffer : buffers()) {
            for (DMatrixRMaj m : buffer) {
                m.zero();
            }
        }
        steps = 0;
    }

    @Override
    public OptimizerState state() {
        Map<String, Tensor> copies = new LinkedHashMap<>();
        String[] names = bufferNames();
        DMatrixRMaj[][] buffers = buffers();
        for (int b = 0; b < names.length; b++) {
            for (int i = 0; i < array.length; i++) {
                copies.put(names[b] + "/" + array[i].name(), Tensor.copyOf(buffers[b][i]));
            }
        }
        return new OptimizerState(name, steps, learningRate, copies);
    }

    @Override
    public void restoreState(OptimizerState state) {
        ChainruleException.requireNonNull(state, name + ": state");
        if (!state.optimizer().equals(name)) {
            throw new ChainruleException(name + ": cannot restore the state of " + state.optimizer()
                    + ": resume with the same optimizer");
        }
        String[] names = bufferNames();
        DMatrixRMaj[][] buffers = buffers();
        List<String> problems = new ArrayList<>();
        for (int b = 0; b < names.length; b++) {
            for (int i = 0; i < array.length; i++) {
                Tensor saved = state.buffers().get(names[b] + "/" + array[i].name());
                if (saved == null || !saved.shape().equals(array[i].shape())) {
                    problems.add("'" + names[b] + "/" + array[i].name() + "' is "
                            + (saved == null ? "missing" : saved.shape() + ", not " + array[i].shape()));
                }
            }
        }
        if (state.buffers().size() != names.length * array.length) {
            problems.add(state.buffers().size() + " buffers saved where " + names.length * array.length + " are needed");
        }
        if (!problems.isEmpty()) {
            throw new ChainruleException(name + ": the saved state does not fit these parameters: "
                    + String.join("; ", problems.subList(0, Math.min(5, problems.size())))
                    + (problems.size() > 5 ? "; and " + (problems.size() - 5) + " more" : ""));
        }
        setLearningRate(state.learningRate());
        for (int b = 0; b < names.length; b++) {
            for (int i = 0; i < array.length; i++) {
                buffers[b][i].setTo(state.buffers().get(names[b] + "/" + array[i].name()).matrixView());
            }
        }
        steps = state.steps();
    }

    /** One zero matrix per parameter, shaped like it: optimizer state, allocated once. */
    final DMatrixRMaj[] zerosLikeParameters() {
        DMatrixRMaj[] buffers = new DMatrixRMaj[array.length];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = new DMatrixRMaj(array[i].shape().rows(), array[i].shape().cols());
        }
        return buffers;
    }

    /** Checks that a decay coefficient lies in {@code [0, 1)}. */
    final double requireDecay(String what, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new ChainruleException(name + ": " + what + " must lie in [0, 1), got " + value);
        }
        return value;
    }

    @Override
    public String toString() {
        return name + "(learning rate " + learningRate + ", " + parameters.size() + " parameters"
                + (decay.rate() > 0 ? ", " + (decay.decoupled() ? "decoupled" : "L2") + " weight decay "
                + decay.rate() : "") + ")";
    }
}
