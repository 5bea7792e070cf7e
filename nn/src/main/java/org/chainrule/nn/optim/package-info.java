/**
 * Optimizers: {@link org.chainrule.nn.optim.Optimizer} (step, zero the gradients, reset),
 * with {@link org.chainrule.nn.optim.Sgd} (the notes' {@code p = p - alpha dp}),
 * {@link org.chainrule.nn.optim.Momentum} and {@link org.chainrule.nn.optim.Adam} (AdamW
 * with decoupled {@link org.chainrule.nn.optim.WeightDecay}); learning-rate schedules
 * ({@link org.chainrule.nn.optim.LearningRateSchedule}); clipping by the global gradient norm
 * ({@link org.chainrule.nn.optim.GradientClipping}); and each optimizer's
 * {@link org.chainrule.nn.optim.OptimizerState} for resumable checkpoints. Updates run in
 * place with the fused kernels of {@code org.chainrule.core.Updates}.
 */
package org.chainrule.nn.optim;
