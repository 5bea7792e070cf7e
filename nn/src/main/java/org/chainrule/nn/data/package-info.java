/**
 * Labelled data for training: {@link org.chainrule.nn.data.Dataset} (examples as rows, one or
 * more input matrices, {@link org.chainrule.nn.data.Targets}: class indices, one-hot rows or
 * real values), train/test splits and mini-batches; the four TensorFlow-Playground sets the notes
 * use, generated locally from a seed ({@link org.chainrule.nn.data.Playground}); and loaders
 * for a user's own files: labelled CSV tables ({@link org.chainrule.nn.data.CsvLoader},
 * {@link org.chainrule.nn.data.CsvTable} for columns by name, classes or regression values) and
 * MNIST-style IDX image/label pairs ({@link org.chainrule.nn.data.MnistIdx}). A file that
 * breaks its format is rejected with a {@link org.chainrule.nn.data.DataFileException} naming
 * the file, the line where there is one, and the problem.
 */
package org.chainrule.nn.data;
