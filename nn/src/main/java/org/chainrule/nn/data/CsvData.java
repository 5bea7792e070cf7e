package org.chainrule.nn.data;

import java.util.List;
import org.chainrule.core.ChainruleException;

/**
 * A labelled table read by {@link CsvLoader}: the dataset and the names that explain it.
 *
 * @param dataset the examples (one per data row) and their class indices.
 * @param featureNames the header names of the feature columns, in the order of the dataset's columns.
 * @param classNames the label text of each class: {@code classNames.get(k)} is what class {@code k}
 *     was called in the file; empty for value (regression) targets.
 */
public record CsvData(Dataset dataset, List<String> featureNames, List<String> classNames) {
    /**
     * Checks the parts agree and copies the lists.
     *
     * @param dataset the examples.
     * @param featureNames one name per feature column.
     * @param classNames one name per class.
     * @throws IllegalArgumentException if the numbers of names do not match the dataset.
     * @throws org.chainrule.core.ChainruleException if a part or a name is null.
     */
    public CsvData {
        ChainruleException.requireNonNull(dataset, "csv data: dataset");
        ChainruleException.requireNonNull(featureNames, "csv data: feature names");
        ChainruleException.requireNonNull(classNames, "csv data: class names");
        for (String name : featureNames) {
            ChainruleException.requireNonNull(name, "csv data: a feature name");
        }
        for (String name : classNames) {
            ChainruleException.requireNonNull(name, "csv data: a class name");
        }
        featureNames = List.copyOf(featureNames);
        classNames = List.copyOf(classNames);
        int classes = dataset.targets().isClassification() ? dataset.classes() : 0;
        if (featureNames.size() != dataset.featureCount() || classNames.size() != classes) {
            throw new IllegalArgumentException("csv data: " + featureNames.size() + " feature names and "
                    + classNames.size() + " class names for a dataset with " + dataset.featureCount()
                    + " features and " + classes + " classes");
        }
    }
}
