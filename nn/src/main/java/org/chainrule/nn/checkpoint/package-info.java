/**
 * Checkpoints: {@link org.chainrule.nn.checkpoint.Checkpoint} saves and loads parameters by
 * name in a versioned, checksummed binary format, writing atomically and rejecting damaged
 * or mismatched files ({@link org.chainrule.nn.checkpoint.CheckpointException}) without
 * touching the model.
 */
package org.chainrule.nn.checkpoint;
