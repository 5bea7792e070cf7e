package org.chainrule.graph.ops;

import java.util.List;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Shape;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Operation;

/**
 * The shared base of {@link Scale} and {@link Power}: an element-wise operation of one input
 * with one finite constant, {@code y = f_c(x)}, named {@code kind(c)}. Every {@code scale},
 * {@code neg}, {@code sub}, {@code mean} and {@code pow} records a new instance, so an instance
 * holds nothing but its kind and its constant (its name and formula are made only when asked
 * for), which keeps recording cheap and a long chain of them compact in memory.
 */
public abstract class ElementwiseWithConstant implements Operation {
    private final double constant;

    /**
     * An operation with its constant.
     *
     * @param kind the operation's kind, as {@link #kind()} gives it, for the error message.
     * @param role what the constant is called in the error message, e.g. {@code "factor"}.
     * @param constant the constant {@code c}.
     * @throws ChainruleException if {@code constant} is NaN or infinite (it could only be a
     *     mistake: every value it touches would become NaN or infinite).
     */
    protected ElementwiseWithConstant(String kind, String role, double constant) {
        if (!Double.isFinite(constant)) {
            throw new ChainruleException(kind + ": the " + role + " must be a finite number, got " + constant);
        }
        this.constant = constant;
    }

    /**
     * The operation's kind, the name without its constant: a constant string, so that no
     * instance carries it.
     *
     * @return e.g. {@code "scale"}.
     */
    protected abstract String kind();

    /**
     * The constant.
     *
     * @return {@code c}.
     */
    protected final double constant() {
        return constant;
    }

    @Override
    public final String name() {
        return kind() + "(" + Tensor.format(constant) + ")";
    }

    @Override
    public final int arity() {
        return 1;
    }

    @Override
    public final Shape outputShape(List<Shape> in) {
        return in.get(0);
    }
}
