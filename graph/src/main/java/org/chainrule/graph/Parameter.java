package org.chainrule.graph;

import org.chainrule.core.ChainruleException;
import org.chainrule.core.Shape;
import org.chainrule.core.ShapeMismatchException;
import org.chainrule.core.Tensor;
import org.ejml.data.DMatrixRMaj;

/**
 * A trainable value that outlives any one graph, with the gradient that backward passes
 * accumulate into it. Record it in a graph with {@link Graph#parameter(Parameter)}; every
 * {@code backward} through that graph <em>adds</em> {@code dL/dparameter} into
 * {@link #gradient()}, as PyTorch does, until {@link #zeroGradient()} sets it back to zero.
 *
 * <p>A graph reads the parameter's value by reference: update it (an optimizer step) only
 * after the backward passes that use the graph are done, then record the next graph (new, or
 * {@link Graph#recycle() recycled}).
 *
 * <p>Not thread-safe: a parameter belongs to one model used by one thread at a time (reading
 * its value while another thread trains it, or training two graphs over it on two threads at
 * once, races). Models with separate parameters can be trained on separate threads at once.
 */
public final class Parameter {
    private final String name;
    private final DMatrixRMaj value;
    private final DMatrixRMaj gradient;
    private final Shape shape;

    /**
     * A parameter with a starting value and a zero gradient.
     *
     * @param name a name unique within its model, used by checkpoints and pictures.
     * @param initial the starting value (NaN and infinities are allowed). Not modified (copied).
     * @throws ChainruleException if the name is null or blank, or {@code initial} is null.
     */
    public Parameter(String name, Tensor initial) {
        if (name == null || name.isBlank()) {
            throw new ChainruleException("a parameter needs a non-blank name (checkpoints find parameters by name),"
                    + " got " + (name == null ? "null" : "'" + name + "'"));
        }
        this.name = name;
        this.value = ChainruleException.requireNonNull(initial, "parameter '" + name + "': initial value").toMatrix();
        this.gradient = new DMatrixRMaj(value.numRows, value.numCols);
        this.shape = new Shape(value.numRows, value.numCols);
    }

    /**
     * The parameter's name.
     *
     * @return the name.
     */
    public String name() {
        return name;
    }

    /**
     * The parameter's shape, fixed for its lifetime.
     *
     * @return the shape.
     */
    public Shape shape() {
        return shape;
    }

    /**
     * A snapshot of the current value.
     *
     * @return a tensor copy; later updates do not change it.
     */
    public Tensor value() {
        return Tensor.copyOf(value);
    }

    /**
     * A snapshot of the accumulated gradient {@code dL/dparameter}.
     *
     * @return a tensor copy; later backward passes do not change it.
     */
    public Tensor gradient() {
        return Tensor.copyOf(gradient);
    }

    /** Sets the accumulated gradient to zero. Call it before each training step's backward. */
    public void zeroGradient() {
        gradient.zero();
    }

    /**
     * Replaces the value (for example when loading a checkpoint).
     *
     * @param newValue the new value, with this parameter's shape. Not modified (copied).
     * @throws ShapeMismatchException if the shape differs.
     * @throws ChainruleException if {@code newValue} is null.
     */
    public void setValue(Tensor newValue) {
        ChainruleException.requireNonNull(newValue, "parameter '" + name + "': new value");
        if (!newValue.shape().equals(shape())) {
            throw new ShapeMismatchException("parameter '" + name + "': cannot set a " + newValue.shape()
                    + " value on a " + shape() + " parameter: shapes must match");
        }
        value.setTo(newValue.matrixView());
    }

    /**
     * The live value matrix, for optimizers that update it in place. Modifying it changes the
     * parameter (and any graph that recorded it).
     *
     * @return the backing value matrix. Modified by callers that update the parameter.
     */
    public DMatrixRMaj mutableValue() {
        return value;
    }

    /**
     * The live gradient matrix, for optimizers that read it without copying; backward passes
     * add into it and {@link #zeroGradient()} clears it.
     *
     * @return the backing gradient matrix. Modified by backward passes.
     */
    public DMatrixRMaj mutableGradient() {
        return gradient;
    }

    @Override
    public String toString() {
        return "Parameter " + name + " " + shape();
    }
}
