package org.chainrule.nn.data;

import java.util.List;

/**
 * A labelled table read by {@link CsvLoader}: the dataset and the names that explain it.
 *
 * @param dataset the examples (one per data row) and their class indices.
 * @param featureNames the header names of the feature columns, in the order of the dataset's columns.
 * @param classNames the label text of each class: {@code classNames.get(k)} is what class {@code k}
 *     was called in the file.
 */
public record CsvData(Dataset dataset, List<String> featureNames, List<String> classNames) {
    /**
     * Checks the parts agree and copies the lists.
     *
     * @param dataset the examples.
     * @param featureNames one name per feature column.
     * @param classNames one name per class.
     */
    public CsvData {
        featureNames = List.copyOf(featureNames);
        classNames = List.copyOf(classNames);
        if (featureNames.size() != dataset.featureCount() || classNames.size() != dataset.classes()) {
            throw new IllegalArgumentException("csv data: " + featureNames.size() + " feature names and "
                    + classNames.size() + " class names for a dataset with " + dataset.featureCount()
                    + " features and " + dataset.classes() + " classes");
        }
    }
}
