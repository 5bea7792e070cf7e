/**
 * Checkpoints: {@link org.chainrule.nn.checkpoint.Checkpoint} saves and loads parameters by
 * name, with further state tensors and text metadata
 * ({@link org.chainrule.nn.checkpoint.CheckpointContents}), in a versioned, checksummed binary
 * format (this package owns the model file format; older versions keep loading), writing atomically and rejecting damaged
 * or mismatched files ({@link org.chainrule.nn.checkpoint.CheckpointException}) without
 * touching the model.
 */
package org.chainrule.nn.checkpoint;
