/**
 * Loss functions: {@link org.chainrule.nn.loss.Loss} maps a prediction node and a target
 * node to a {@code 1x1} node; {@link org.chainrule.nn.loss.Losses} holds the notes' L2 loss,
 * mean squared error, and binary, categorical and fused cross-entropies.
 */
package org.chainrule.nn.loss;
