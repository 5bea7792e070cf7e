/**
 * Labelled data for training: {@link org.chainrule.nn.data.Dataset} (examples as rows, class
 * labels), train/test splits and mini-batches, and the four TensorFlow-Playground sets the
 * notes use, generated locally from a seed ({@link org.chainrule.nn.data.Playground}).
 */
package org.chainrule.nn.data;
