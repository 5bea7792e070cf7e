/**
 * Checkpoints: {@link org.chainrule.nn.checkpoint.Checkpoint} saves and loads parameters by
 * name, with further state tensors and text metadata
 * ({@link org.chainrule.nn.checkpoint.CheckpointContents}), in a versioned, checksummed binary
 * format (this package owns the model file format; older versions keep loading), writing atomically and rejecting damaged
 * or mismatched files ({@link org.chainrule.nn.checkpoint.CheckpointException}) without
 * touching the model. {@link org.chainrule.nn.checkpoint.TrainingCheckpoint} owns a training
 * run's entries in such a file (epoch, updates, shuffle state, the optimizer's and the
 * listeners' state), which a trainer writes after every epoch and resumes from.
 */
package org.chainrule.nn.checkpoint;
