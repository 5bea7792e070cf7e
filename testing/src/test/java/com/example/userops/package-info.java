/**
 * Operations a user defines outside Chainrule, using only its public API: {@link
 * com.example.userops.Softplus} (on {@link org.chainrule.graph.ElementwiseOperation}) and
 * {@link com.example.userops.Elu} (on {@link org.chainrule.graph.Operation} directly, with a
 * declared kink) give a forward rule and a vector-Jacobian product, are
 * recorded with {@code graph.apply(operation, nodes...)} and are gradient-checked like the
 * built-ins.
 */
package com.example.userops;
