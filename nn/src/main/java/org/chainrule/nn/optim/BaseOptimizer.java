package org.chainrule.nn.optim;

import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.chainrule.core.ChainruleException;
import org.chainrule.graph.Parameter;
import org.ejml.data.DMatrixRMaj;

/** What every optimizer shares: its parameter list, the learning rate and zeroing gradients. */
abstract class BaseOptimizer implements Optimizer {
    private final String name;
    private final List<Parameter> parameters;
    /** The same parameters as an array, so that steps loop without allocating an iterator. */
    final Parameter[] array;
    private double learningRate;

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

    @Override
    public final void zeroGradients() {
        for (Parameter p : array) {
            p.zeroGradient();
        }
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
        return name + "(learning rate " + learningRate + ", " + parameters.size() + " parameters)";
    }
}
