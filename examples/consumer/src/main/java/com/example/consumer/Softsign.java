package com.example.consumer;

import org.chainrule.graph.ElementwiseOperation;
import org.chainrule.graph.Operation;

/**
 * A user's own operation, written against Chainrule's public API only: softsign,
 * {@code f(x) = x / (1 + |x|)}, with {@code f'(x) = 1 / (1 + |x|)^2}.
 */
public final class Softsign {
    /** The operation; record it with {@code graph.apply(Softsign.OPERATION, node)}. */
    public static final Operation OPERATION = ElementwiseOperation.of("softsign",
            x -> x / (1 + Math.abs(x)),
            (x, y) -> 1 / ((1 + Math.abs(x)) * (1 + Math.abs(x))));

    private Softsign() {
    }
}
