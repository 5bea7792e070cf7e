package org.chainrule.graph;

import org.chainrule.core.ChainruleException;

/**
 * The part every operation with a fixed name and number of inputs shares, so that an
 * operation's own file holds only its shape rule, its maths and its formula.
 */
public abstract class NamedOperation implements Operation {
    private final String name;
    private final int arity;

    /**
     * An operation with a name and a number of inputs.
     *
     * @param name the name shown in traces and error messages.
     * @param arity how many inputs it takes, or {@link #ANY_NUMBER_OF_INPUTS}.
     * @throws ChainruleException if the name is null.
     */
    protected NamedOperation(String name, int arity) {
        this.name = ChainruleException.requireNonNull(name, "operation name");
        this.arity = arity;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int arity() {
        return arity;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " " + name;
    }
}
