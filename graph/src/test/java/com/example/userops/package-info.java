/**
 * Operations a user defines outside Chainrule, using only its public API: {@link
 * com.example.userops.Softplus} and {@link com.example.userops.Elu} implement
 * {@link org.chainrule.graph.Operation} (forward rule and vector-Jacobian product), are
 * recorded with {@code graph.apply(operation, nodes...)} and are gradient-checked like the
 * built-ins.
 */
package com.example.userops;
