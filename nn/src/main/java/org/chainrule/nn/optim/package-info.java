/**
 * Optimizers: {@link org.chainrule.nn.optim.Optimizer} (step, zero the gradients, reset),
 * with {@link org.chainrule.nn.optim.Sgd} (the notes' {@code p = p - alpha dp}),
 * {@link org.chainrule.nn.optim.Momentum} and {@link org.chainrule.nn.optim.Adam}. Updates
 * run in place with the fused kernels of {@code org.chainrule.core.Updates}.
 */
package org.chainrule.nn.optim;
