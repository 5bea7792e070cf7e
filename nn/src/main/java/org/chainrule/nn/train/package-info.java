/**
 * Training: {@link org.chainrule.nn.train.Trainer} runs epochs of shuffled mini-batches and
 * evaluates after each epoch, reporting to {@link org.chainrule.nn.train.TrainingListener}s
 * ({@link org.chainrule.nn.train.StepReport} per step,
 * {@link org.chainrule.nn.train.EpochReport} per epoch) and stopping with a
 * {@link org.chainrule.nn.train.NonFiniteLossException} on a NaN or infinite loss.
 */
package org.chainrule.nn.train;
