package org.chainrule.nn.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.ejml.data.DMatrixRMaj;

/**
 * Reads a user's labelled table from a CSV file into a {@link Dataset}.
 *
 * <p>The format: UTF-8 text (a leading byte-order mark is ignored), comma-separated, the first
 * line a header naming every column. One named column holds the class labels; every other
 * column is a numeric feature, in header order. Values may be wrapped in double quotes (a
 * quote inside is written twice, {@code ""}); spaces around values are ignored. Numbers are
 * plain decimals with an optional exponent ({@code -1.5}, {@code .5}, {@code 2e-3}).
 *
 * <p>Labels become class indices in one of two ways, decided by the whole column:
 * <ul>
 *   <li>if every label is an integer ({@code 0}, {@code 7}, {@code -1}, {@code +1}, and also
 *       {@code 1.0}), the distinct values in ascending order become classes {@code 0, 1, 2, ...}:
 *       {@code 0/1} stays {@code 0/1}, {@code -1/+1} becomes {@code 0/1}, digits {@code 0..9}
 *       stay themselves when all ten occur;</li>
 *   <li>otherwise labels are names, numbered in order of first appearance.</li>
 * </ul>
 * Either way {@link CsvData#classNames()} maps each index back to its label. Because the
 * numbering depends on the labels present, load one file and split it ({@link Dataset#split})
 * rather than loading training and test files separately.
 *
 * <p>Nothing is skipped: the first bad line stops the load with a {@link DataFileException}
 * naming the file, the line number and the problem — a wrong number of values, an empty value,
 * a value that is not a number, NaN or infinity, a blank line, an unclosed quote. A header
 * without the label column, a repeated or empty column name, no data rows or a single class
 * are errors too.
 */
public final class CsvLoader {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NOT_FINITE = Pattern.compile("(?i)[+-]?(nan|inf|infinity)");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+(\\.0*)?");
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private CsvLoader() {
    }

    /**
     * Reads a labelled CSV file.
     *
     * @param file the CSV file. Not modified.
     * @param labelColumn the header name of the label column (exact, case-sensitive).
     * @return the dataset with its feature and class names.
     * @throws DataFileException if the file cannot be read or breaks the format described on this class.
     * @throws org.chainrule.core.ChainruleException if an argument is null.
     */
    public static CsvData load(Path file, String labelColumn) {
        ChainruleException.requireNonNull(file, "csv: file");
        ChainruleException.requireNonNull(labelColumn, "csv: label column");
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file, labelColumn);
        } catch (NoSuchFileException e) {
            throw new DataFileException(file, "no such file", e);
        } catch (CharacterCodingException e) {
            throw new DataFileException(file, "is not UTF-8 text", e);
        } catch (IOException e) {
            throw new DataFileException(file, "cannot be read: " + e, e);
        }
    }

    private static CsvData read(BufferedReader reader, Path file, String labelColumn) throws IOException {
        String headerLine = reader.readLine();
        if (headerLine == null) {
            throw new DataFileException(file, "is empty: expected a header row naming the columns");
        }
        if (!headerLine.isEmpty() && headerLine.charAt(0) == BYTE_ORDER_MARK) {
            headerLine = headerLine.substring(1);
        }
        List<String> header = header(headerLine, file, labelColumn);
        int columns = header.size();
        int labelIndex = header.indexOf(labelColumn);
        List<String> featureNames = new ArrayList<>(header);
        featureNames.remove(labelIndex);

        double[] values = new double[64 * featureNames.size()];
        int filled = 0;
        List<String> labels = new ArrayList<>();
        long lineNumber = 1;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                throw new DataFileException(file, lineNumber, "blank line: every line after the header must be a data row");
            }
            List<String> row = fields(line, file, lineNumber);
            if (row.size() != columns) {
                throw new DataFileException(file, lineNumber, row.size() + " value" + (row.size() == 1 ? "" : "s")
                        + " but the header has " + columns + " columns");
            }
            if (filled + columns > values.length) {
                values = Arrays.copyOf(values, 2 * values.length + columns);
            }
            for (int c = 0; c < columns; c++) {
                if (c == labelIndex) {
                    if (row.get(c).isEmpty()) {
                        throw new DataFileException(file, lineNumber, "the label column '" + labelColumn + "' is empty");
                    }
                    labels.add(row.get(c));
                } else {
                    values[filled++] = number(row.get(c), header.get(c), file, lineNumber);
                }
            }
        }
        if (labels.isEmpty()) {
            throw new DataFileException(file, "has a header but no data rows");
        }
        DMatrixRMaj features = DMatrixRMaj.wrap(labels.size(), featureNames.size(), Arrays.copyOf(values, filled));
        Classes classes = classes(labels, file, labelColumn);
        return new CsvData(new Dataset(Tensor.adopt(features), classes.indices(), classes.names().size()),
                featureNames, classes.names());
    }

    /** The column names, checked: non-empty, distinct, the label among them with at least one feature beside it. */
    private static List<String> header(String line, Path file, String labelColumn) {
        if (line.isBlank()) {
            throw new DataFileException(file, 1, "the header row is blank: it must name the columns");
        }
        List<String> names = fields(line, file, 1);
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < names.size(); c++) {
            String name = names.get(c);
            if (name.isEmpty()) {
                throw new DataFileException(file, 1, "column " + (c + 1) + " of the header has no name");
            }
            Integer earlier = seen.putIfAbsent(name, c);
            if (earlier != null) {
                throw new DataFileException(file, 1, "column name '" + name + "' appears twice (columns "
                        + (earlier + 1) + " and " + (c + 1) + ")");
            }
        }
        if (!seen.containsKey(labelColumn)) {
            throw new DataFileException(file, 1, "no column named '" + labelColumn + "' for the labels; the columns are "
                    + String.join(", ", names));
        }
        if (names.size() < 2) {
            throw new DataFileException(file, 1, "the label column '" + labelColumn
                    + "' is the only column: there must be at least one feature column");
        }
        return names;
    }

    /**
     * Splits one line into values: commas separate, double quotes protect commas and are
     * undone ({@code ""} is one quote), surrounding spaces are dropped.
     */
    private static List<String> fields(String line, Path file, long lineNumber) {
        List<String> out = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (true) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i < n && line.charAt(i) == '"') {
                StringBuilder value = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new DataFileException(file, lineNumber, "value " + (out.size() + 1)
                                + " opens a quote that is not closed (a quoted value cannot span lines)");
                    }
                    char c = line.charAt(i++);
                    if (c != '"') {
                        value.append(c);
                    } else if (i < n && line.charAt(i) == '"') {
                        value.append('"');
                        i++;
                    } else {
                        break;
                    }
                }
                while (i < n && Character.isWhitespace(line.charAt(i))) {
                    i++;
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new DataFileException(file, lineNumber, "value " + (out.size() + 1)
                            + " has text after its closing quote");
                }
                out.add(value.toString());
            } else {
                int end = line.indexOf(',', i);
                end = end < 0 ? n : end;
                out.add(line.substring(i, end).strip());
                i = end;
            }
            if (i >= n) {
                return out;
            }
            i++;
        }
    }

    private static double number(String text, String column, Path file, long lineNumber) {
        String where = "column '" + column + "'";
        if (text.isEmpty()) {
            throw new DataFileException(file, lineNumber, where + " is empty");
        }
        if (NOT_FINITE.matcher(text).matches()) {
            throw new DataFileException(file, lineNumber, where + ": '" + text
                    + "' is not a finite number (NaN and infinity are not allowed)");
        }
        if (!NUMBER.matcher(text).matches()) {
            throw new DataFileException(file, lineNumber, where + ": '" + text
                    + "' is not a number (every column except the label must be numeric)");
        }
        double value = Double.parseDouble(text);
        if (!Double.isFinite(value)) {
            throw new DataFileException(file, lineNumber, where + ": '" + text + "' is too large for a double");
        }
        return value;
    }

    /**
     * Numbers the labels: integers by ascending value when every label is one, otherwise
     * names in order of first appearance.
     */
    private static Classes classes(List<String> labels, Path file, String labelColumn) {
        boolean integers = labels.stream().allMatch(label -> INTEGER.matcher(label).matches());
        Function<String, String> key = integers ? label -> integer(label).toString() : label -> label;
        Map<String, Integer> classOf = new LinkedHashMap<>();
        if (integers) {
            labels.stream().map(CsvLoader::integer).distinct().sorted()
                    .forEach(value -> classOf.put(value.toString(), classOf.size()));
        } else {
            labels.forEach(label -> classOf.putIfAbsent(label, classOf.size()));
        }
        if (classOf.size() < 2) {
            throw new DataFileException(file, "every label in column '" + labelColumn + "' is '"
                    + classOf.keySet().iterator().next() + "': a classifier needs at least two classes");
        }
        int[] indices = labels.stream().mapToInt(label -> classOf.get(key.apply(label))).toArray();
        return new Classes(indices, new ArrayList<>(classOf.keySet()));
    }

    /** Class indices, one per example, and each class's label text. */
    private record Classes(int[] indices, List<String> names) {
    }

    private static BigInteger integer(String label) {
        return new BigDecimal(label).toBigIntegerExact();
    }
}
