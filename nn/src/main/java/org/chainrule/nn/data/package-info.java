/**
 * Labelled data for training: {@link org.chainrule.nn.data.Dataset} (examples as rows, class
 * labels), train/test splits and mini-batches; the four TensorFlow-Playground sets the notes
 * use, generated locally from a seed ({@link org.chainrule.nn.data.Playground}); and loaders
 * for a user's own files: labelled CSV tables ({@link org.chainrule.nn.data.CsvLoader}) and
 * MNIST-style IDX image/label pairs ({@link org.chainrule.nn.data.MnistIdx}). A file that
 * breaks its format is rejected with a {@link org.chainrule.nn.data.DataFileException} naming
 * the file, the line where there is one, and the problem.
 */
package org.chainrule.nn.data;
