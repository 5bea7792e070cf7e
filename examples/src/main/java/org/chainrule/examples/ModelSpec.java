package org.chainrule.examples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.chainrule.core.Tensor;
import org.chainrule.nn.Layer;
import org.chainrule.nn.Mlp;
import org.chainrule.nn.Sequential;
import org.chainrule.nn.Standardization;
import org.chainrule.nn.checkpoint.CheckpointContents;
import org.chainrule.nn.checkpoint.CheckpointException;
import org.chainrule.nn.loss.Losses;
import org.chainrule.nn.train.Task;

/**
 * What {@code chainrule train --save} writes beside the weights so that the file can be used
 * alone by {@code chainrule predict}: the task, the feature columns by name (and the label and
 * ignored columns, which a file to predict may contain), the class names, the network's shape
 * and the standardisation of the features and of a regression's targets. Stored as the
 * checkpoint's metadata ({@code model.*} keys; lists one item per line, which CSV names cannot
 * contain) and state tensors.
 *
 * @param regression true for a regression, false for a classifier.
 * @param featureNames the feature columns, in the network's input order.
 * @param label the label column's name.
 * @param ignored the columns that were skipped.
 * @param classNames a classifier's class names in index order; empty for a regression.
 * @param hidden the hidden layers' widths.
 * @param activation the hidden layers' activation, by its command-line name.
 * @param inputScaling the features' standardisation, or null if the network takes them as they are.
 * @param targetScaling a regression's target standardisation, or null.
 */
record ModelSpec(boolean regression, List<String> featureNames, String label, List<String> ignored,
                 List<String> classNames, int[] hidden, TrainOptions.ActivationChoice activation,
                 Standardization inputScaling, Standardization targetScaling) {
    private static final String PREFIX = "model.";

    /**
     * What the model is trained for: a regression with the mean squared error on standardised
     * targets, or a classification with one score and the sigmoid cross-entropy for two
     * classes, one score per class and the softmax cross-entropy for more.
     */
    Task task() {
        return regression ? Task.regression(Losses.MEAN_SQUARED_ERROR, targetScaling)
                : Task.forClasses(classNames.size());
    }

    /** The network's outputs: one value for a regression, one score for two classes, else one per class. */
    int outputs() {
        return regression ? 1 : classNames.size() == 2 ? 1 : classNames.size();
    }

    /** The multi-layer perceptron alone (its parameters are what training changes). */
    Sequential network(long seed) {
        Mlp.Builder builder = Mlp.builder(featureNames.size()).seed(seed);
        for (int width : hidden) {
            builder.hidden(width, activation.activation());
        }
        return builder.output(outputs(), org.chainrule.nn.Activation.IDENTITY).build();
    }

    /** The whole model around a network: standardisation first, the targets' units restored last. */
    Layer model(Sequential network) {
        List<Layer> layers = new ArrayList<>();
        if (inputScaling != null) {
            layers.add(inputScaling.standardizing());
        }
        layers.add(network);
        if (targetScaling != null) {
            layers.add(targetScaling.restoring());
        }
        return layers.size() == 1 ? network : new Sequential(layers);
    }

    /** The metadata entries. */
    Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(PREFIX + "task", regression ? "regression" : "classification");
        m.put(PREFIX + "features", String.join("\n", featureNames));
        m.put(PREFIX + "label", label);
        m.put(PREFIX + "ignored", String.join("\n", ignored));
        m.put(PREFIX + "classes", String.join("\n", classNames));
        m.put(PREFIX + "hidden", Arrays.stream(hidden).mapToObj(Integer::toString).collect(Collectors.joining(",")));
        m.put(PREFIX + "activation", activation.toString());
        return m;
    }

    /** The state tensors: the standardisation statistics. */
    Map<String, Tensor> state() {
        Map<String, Tensor> s = new LinkedHashMap<>();
        if (inputScaling != null) {
            s.put(PREFIX + "input.mean", inputScaling.mean());
            s.put(PREFIX + "input.spread", inputScaling.spread());
        }
        if (targetScaling != null) {
            s.put(PREFIX + "target.mean", targetScaling.mean());
            s.put(PREFIX + "target.spread", targetScaling.spread());
        }
        return s;
    }

    /**
     * Reads the description back from a saved file.
     *
     * @throws CheckpointException if the file is not a model saved by {@code chainrule train --save}.
     */
    static ModelSpec from(CheckpointContents contents, String file) {
        if (!contents.metadata().containsKey(PREFIX + "task")) {
            throw new CheckpointException(CheckpointException.Reason.MODEL_MISMATCH, file + " holds weights but no"
                    + " model description: save models with chainrule train --save FILE");
        }
        try {
            String hiddenText = contents.require(PREFIX + "hidden");
            int[] hidden = hiddenText.isEmpty() ? new int[0]
                    : Arrays.stream(hiddenText.split(",")).mapToInt(Integer::parseInt).toArray();
            TrainOptions.ActivationChoice activation = Arrays.stream(TrainOptions.ActivationChoice.values())
                    .filter(a -> a.toString().equals(contents.require(PREFIX + "activation"))).findFirst()
                    .orElseThrow(() -> new NumberFormatException("unknown activation"));
            return new ModelSpec("regression".equals(contents.require(PREFIX + "task")),
                    lines(contents.require(PREFIX + "features")), contents.require(PREFIX + "label"),
                    lines(contents.require(PREFIX + "ignored")), lines(contents.require(PREFIX + "classes")), hidden,
                    activation, scaling(contents, "input"), scaling(contents, "target"));
        } catch (NumberFormatException e) {
            throw new CheckpointException(CheckpointException.Reason.CORRUPTED, file + ": a malformed model"
                    + " description: " + e.getMessage(), e);
        }
    }

    /** Whether a run with this description can continue one saved with {@code saved}'s. */
    boolean sameModelAs(ModelSpec saved) {
        return regression == saved.regression && featureNames.equals(saved.featureNames)
                && classNames.equals(saved.classNames) && Arrays.equals(hidden, saved.hidden)
                && activation == saved.activation;
    }

    /** One line, e.g. {@code classification of 3 classes, 4 features, hidden 8 tanh}. */
    String summary() {
        return (regression ? "regression of '" + label + "'" : "classification into " + classNames.size()
                + " classes") + " from " + featureNames.size() + " feature" + (featureNames.size() == 1 ? "" : "s")
                + ", hidden " + (hidden.length == 0 ? "none" : Arrays.stream(hidden).mapToObj(Integer::toString)
                .collect(Collectors.joining(",")) + " " + activation);
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
    }

    private static Standardization scaling(CheckpointContents contents, String which) {
        Tensor mean = contents.state().get(PREFIX + which + ".mean");
        Tensor spread = contents.state().get(PREFIX + which + ".spread");
        return mean == null || spread == null ? null : new Standardization(mean, spread);
    }
}
