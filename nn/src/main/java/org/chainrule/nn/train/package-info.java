/**
 * Training: a {@link org.chainrule.nn.train.Task} says what a model is trained to do
 * (classification or regression: the loss, the targets it sees, the metrics, the readout, and
 * an {@link org.chainrule.nn.train.Objective} that may read the model's inputs);
 * {@link org.chainrule.nn.train.Trainer}, configured by a
 * {@link org.chainrule.nn.train.TrainerBuilder}, runs epochs of shuffled mini-batches and
 * evaluates after each epoch, reporting to {@link org.chainrule.nn.train.TrainingListener}s
 * ({@link org.chainrule.nn.train.StepReport} per step,
 * {@link org.chainrule.nn.train.EpochReport} per epoch, with an
 * {@link org.chainrule.nn.train.Evaluation} of the training set, a validation part and the test
 * set: loss, and accuracy or RMSE and R^2 ({@link org.chainrule.nn.train.Metrics})) and stopping
 * with a {@link org.chainrule.nn.train.NonFiniteLossException} on a NaN or infinite loss. A
 * listener can end a run; {@link org.chainrule.nn.train.EarlyStopping} does so on a
 * {@link org.chainrule.nn.train.Metric} of the validation part and restores the best weights.
 * Runs checkpoint and resume bit for bit at epoch boundaries, with the state of
 * {@link org.chainrule.nn.train.StatefulListener}s.
 */
package org.chainrule.nn.train;
