/**
 * Pictures of a training run, drawn off-screen with XChart and written as PNG files:
 * {@link org.chainrule.examples.plot.TrainingCurves} (loss and accuracy per epoch) and
 * {@link org.chainrule.examples.plot.DecisionBoundary} (a classifier's probability over the
 * plane with the data on top). Models are seen only through a
 * {@link org.chainrule.examples.plot.Predictor}, so these classes do not care how a model is built.
 * They need no display; the app runs with {@code java.awt.headless=true}.
 */
package org.chainrule.examples.plot;
