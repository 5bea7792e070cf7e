/**
 * Training progress for people watching: {@link org.chainrule.examples.progress.EpochMetrics}
 * (one epoch's losses and accuracies), {@link org.chainrule.examples.progress.ProgressReporter},
 * a live progress bar on a terminal or plain periodic lines when the output is a file or pipe,
 * and {@link org.chainrule.examples.progress.ProgressListener}, which hangs a reporter on a
 * trainer.
 */
package org.chainrule.examples.progress;
