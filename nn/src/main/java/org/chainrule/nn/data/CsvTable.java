package org.chainrule.nn.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.ejml.data.DMatrixRMaj;

/**
 * A CSV file as {@link CsvLoader#table} reads it, before its labels are turned into targets:
 * the numeric feature columns by name and the label column's text.
 *
 * @param file the file it came from.
 * @param featureNames the feature columns' header names, in file order.
 * @param features one row per data line, one column per feature.
 * @param labelColumn the label column's name, or null if the file has none.
 * @param labels the label column's values as written, one per row; empty if the file has no label column.
 *     A column read by {@link CsvLoader} keeps each distinct label once; past a few thousand
 *     distinct labels a number reads back in its shortest form ({@code "0.1"} for {@code "0.10"}).
 */
public record CsvTable(Path file, List<String> featureNames, Tensor features, String labelColumn,
                       List<String> labels) {
    /**
     * Copies the lists.
     *
     * @param file the file.
     * @param featureNames the feature names.
     * @param features the features.
     * @param labelColumn the label column's name, or null.
     * @param labels the labels, or an empty list.
     * @throws ChainruleException if an argument other than {@code labelColumn} is null.
     */
    public CsvTable {
        ChainruleException.requireNonNull(file, "csv table: file");
        featureNames = List.copyOf(ChainruleException.requireNonNull(featureNames, "csv table: feature names"));
        ChainruleException.requireNonNull(features, "csv table: features");
        ChainruleException.requireNonNull(labels, "csv table: labels");
        // the loader's compact column is already immutable; copying it would hold a reference a row
        labels = labels instanceof LabelTexts ? labels : List.copyOf(labels);
    }

    /**
     * The features in the order of {@code names}, matched by header name: how a test file or a
     * file to predict is lined up with the columns a model was trained on.
     *
     * @param names the feature names wanted, in order.
     * @return one row per data line, one column per name.
     * @throws DataFileException naming the missing columns if the file lacks any, or the
     *     columns the file has besides them.
     * @throws ChainruleException if {@code names} is null.
     */
    public Tensor select(List<String> names) {
        ChainruleException.requireNonNull(names, "csv table: names");
        List<String> missing = new ArrayList<>(names);
        missing.removeAll(featureNames);
        if (!missing.isEmpty()) {
            throw new DataFileException(file, "lacks the feature column" + (missing.size() == 1 ? " " : "s ")
                    + CsvLoader.quoted(missing) + " (its columns: " + CsvLoader.quoted(featureNames) + ")");
        }
        List<String> extra = new ArrayList<>(featureNames);
        extra.removeAll(names);
        if (!extra.isEmpty()) {
            throw new DataFileException(file, "has the column" + (extra.size() == 1 ? " " : "s ")
                    + CsvLoader.quoted(extra) + " that the model was not trained on (its features: "
                    + CsvLoader.quoted(names) + "); ignore them or remove them");
        }
        DMatrixRMaj from = features.matrixView();
        DMatrixRMaj out = new DMatrixRMaj(from.numRows, names.size());
        for (int j = 0; j < names.size(); j++) {
            int source = featureNames.indexOf(names.get(j));
            for (int i = 0; i < from.numRows; i++) {
                out.unsafe_set(i, j, from.unsafe_get(i, source));
            }
        }
        return Tensor.adopt(out);
    }
}
