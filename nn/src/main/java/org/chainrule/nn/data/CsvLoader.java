package org.chainrule.nn.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Memory;
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
 * Either way {@link CsvData#classNames()} maps each index back to its label. A column of
 * numbers that are not all whole, or of more than {@value #MAX_NUMBERED_CLASSES} distinct whole
 * numbers, is refused as classes: it is a quantity to predict by regression
 * ({@link #regression(CsvTable)}). A separate test file is numbered with the training file's
 * classes ({@link #classification(CsvTable, List)}).
 *
 * <p>{@link #table(Path, String, boolean, Collection)} reads a file without deciding what its
 * labels are, skipping ignored columns (an ID or a name); {@link CsvTable#select(List)} lines
 * its columns up by header name with the columns a model was trained on.
 *
 * <p>Nothing is skipped: the first bad line stops the load with a {@link DataFileException}
 * naming the file, the line number and the problem — a wrong number of values, an empty value,
 * a value that is not a number, NaN or infinity, a blank line, an unclosed quote. A header
 * without the label column, a repeated or empty column name, no data rows or a single class
 * are errors too.
 *
 * <p>Memory grows with the numbers, not the text: a line longer than
 * {@value BoundedLines#MAX_LINE} characters is refused as it is read (a file without line
 * breaks, {@code /dev/zero}); numbers take 8 bytes each and the label column 4 bytes a row
 * (each distinct label is kept once), and both are checked against the JVM's free memory every
 * {@value NumberBlocks#CHUNK} values, so a file too large for the heap is refused at the line
 * reached, before it runs out.
 */
public final class CsvLoader {
    /** A plain decimal with an optional exponent: the numbers this format accepts. */
    static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NOT_FINITE = Pattern.compile("(?i)[+-]?(nan|inf|infinity)");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+(\\.0*)?");
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    /** The most distinct whole numbers a label column may hold to be read as classes. */
    public static final int MAX_NUMBERED_CLASSES = 50;
    /** How many distinct labels are counted, at most, for the message refusing a column as classes. */
    private static final int COUNTED_DISTINCT = 10_000;
    /** How many of a column's values a message shows, and how many characters of each. */
    private static final int SHOWN = 4;
    private static final int SHOWN_LENGTH = 16;

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
        ChainruleException.requireNonNull(labelColumn, "csv: label column");
        return classification(table(file, labelColumn, true, List.of()), null);
    }

    /**
     * Reads a CSV file's feature columns and its label column's text, skipping ignored columns.
     *
     * @param file the CSV file. Not modified.
     * @param labelColumn the label column's header name, or null for a file without labels.
     * @param labelRequired whether a missing label column is an error (otherwise the table has no labels).
     * @param ignored header names of columns to skip (an ID, a name); a name the file lacks is an
     *     error when the label is required (a training file), and passed over otherwise (a file to predict).
     * @return the table.
     * @throws DataFileException if the file cannot be read or breaks the format described on this class.
     * @throws ChainruleException if {@code file} or {@code ignored} is null.
     */
    public static CsvTable table(Path file, String labelColumn, boolean labelRequired, Collection<String> ignored) {
        ChainruleException.requireNonNull(file, "csv: file");
        ChainruleException.requireNonNull(ignored, "csv: ignored columns");
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file, labelColumn, labelRequired, Set.copyOf(ignored));
        } catch (NoSuchFileException e) {
            throw new DataFileException(file, "no such file", e);
        } catch (CharacterCodingException e) {
            throw new DataFileException(file, notUtf8(file), e);
        } catch (IOException e) {
            throw new DataFileException(file, "cannot be read: " + e, e);
        }
    }

    /**
     * Says where a file stops being UTF-8: the decoder reads ahead, so the line it failed on is
     * found again byte by byte ({@code "line 3 is not UTF-8 text (byte 0xe9); save the file as
     * UTF-8"}). Sequences Java refuses that this scan accepts (overlong forms, surrogates) get
     * the message without a line.
     */
    private static String notUtf8(Path file) {
        String hint = "; save the file as UTF-8";
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            long line = 1;
            int continuationBytes = 0;
            int lead = 0; // the first byte of the character being read
            for (int b = in.read(); b != -1; b = in.read()) {
                boolean bad;
                if (continuationBytes > 0) {
                    bad = (b & 0xC0) != 0x80;
                    continuationBytes--;
                } else {
                    lead = b;
                    bad = b >= 0x80 && (b < 0xC2 || b > 0xF4);
                    continuationBytes = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC2 ? 1 : 0;
                    if (b == '\n') {
                        line++;
                    }
                }
                if (bad) {
                    return "line " + line + " is not UTF-8 text (byte 0x" + Integer.toHexString(lead) + ")" + hint;
                }
            }
            if (continuationBytes > 0) {
                return "line " + line + " is not UTF-8 text (byte 0x" + Integer.toHexString(lead)
                        + ", cut off by the end of the file)" + hint;
            }
        } catch (IOException e) {
            // the first read already failed for a reason of its own: say what it said
        }
        return "is not UTF-8 text" + hint;
    }

    private static CsvTable read(BufferedReader reader, Path file, String labelColumn, boolean labelRequired,
                                 Set<String> ignored) throws IOException {
        BoundedLines lines = new BoundedLines(reader, file);
        String headerLine = lines.next();
        if (headerLine == null) {
            throw new DataFileException(file, "is empty: expected a header row naming the columns");
        }
        if (!headerLine.isEmpty() && headerLine.charAt(0) == BYTE_ORDER_MARK) {
            headerLine = headerLine.substring(1);
        }
        List<String> header = header(headerLine, file, labelRequired ? labelColumn : null);
        int columns = header.size();
        int labelIndex = labelColumn == null ? -1 : header.indexOf(labelColumn);
        List<String> unknown = ignored.stream().filter(name -> !header.contains(name)).sorted().toList();
        if (labelRequired && !unknown.isEmpty()) {
            throw new DataFileException(file, 1, "no column named " + quoted(unknown) + " to ignore; the columns are "
                    + quoted(header));
        }
        boolean[] skipped = new boolean[columns];
        List<String> featureNames = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            skipped[c] = c == labelIndex || ignored.contains(header.get(c));
            if (!skipped[c]) {
                featureNames.add(header.get(c));
            }
        }
        if (featureNames.isEmpty()) {
            throw new DataFileException(file, 1, "no feature column is left: the columns are " + quoted(header)
                    + (labelIndex >= 0 ? ", '" + labelColumn + "' holds the labels" : "")
                    + (ignored.isEmpty() ? "" : " and " + quoted(List.copyOf(ignored)) + " are ignored"));
        }

        NumberBlocks values = new NumberBlocks(file);
        LabelTexts labels = new LabelTexts(file);
        int rows = 0;
        long lineNumber = 1;
        for (String line = lines.next(); line != null; line = lines.next()) {
            lineNumber++;
            if (line.isBlank()) {
                throw new DataFileException(file, lineNumber, "blank line: every line after the header must be a data row");
            }
            List<String> row = fields(line, file, lineNumber);
            if (row.size() != columns) {
                throw new DataFileException(file, lineNumber, row.size() + " value" + (row.size() == 1 ? "" : "s")
                        + " but the header has " + columns + " columns");
            }
            if (rows == Integer.MAX_VALUE) {
                throw new DataFileException(file, lineNumber, "more than " + Integer.MAX_VALUE
                        + " data rows: a table holds at most that many");
            }
            for (int c = 0; c < columns; c++) {
                if (c == labelIndex) {
                    if (row.get(c).isEmpty()) {
                        throw new DataFileException(file, lineNumber, "the label column '" + labelColumn + "' is empty");
                    }
                    labels.append(row.get(c), lineNumber);
                } else if (!skipped[c]) {
                    values.add(number(row.get(c), header.get(c), file, lineNumber), lineNumber);
                }
            }
            rows++;
        }
        if (rows == 0) {
            throw new DataFileException(file, "has a header but no data rows");
        }
        DMatrixRMaj features = DMatrixRMaj.wrap(rows, featureNames.size(), values.toArray(lineNumber));
        return new CsvTable(file, featureNames, Tensor.adopt(features), labelIndex < 0 ? null : labelColumn, labels);
    }

    /**
     * Numbers a table's labels as classes: with the given class names (a test file numbered
     * like its training file), or decided by the column as described on this class.
     *
     * @param table a table read with its label column.
     * @param knownClasses the class names in index order, or null to decide them from these labels.
     * @return the dataset with its feature and class names.
     * @throws DataFileException if a label is not among the known classes (with its line), the
     *     column is numbers that are not classes, or it holds a single class.
     * @throws ChainruleException if {@code table} is null.
     */
    public static CsvData classification(CsvTable table, List<String> knownClasses) {
        ChainruleException.requireNonNull(table, "csv: table");
        List<String> labels = requireLabels(table);
        Classes classes = knownClasses == null ? classes(labels, table.file(), table.labelColumn())
                : known(labels, knownClasses, table.file());
        return new CsvData(new Dataset(table.features(), classes.indices(), classes.names().size()),
                table.featureNames(), classes.names());
    }

    /**
     * Reads a table's labels as real values: the target of a regression.
     *
     * @param table a table read with its label column.
     * @return the dataset (one target column) with its feature names and no class names.
     * @throws DataFileException naming the line of the first label that is not a finite number.
     * @throws ChainruleException if {@code table} is null.
     */
    public static CsvData regression(CsvTable table) {
        ChainruleException.requireNonNull(table, "csv: table");
        List<String> labels = requireLabels(table);
        long bytes = 8L * labels.size();
        if (!Memory.fits(bytes)) {
            throw new DataFileException(table.file(), "its " + labels.size() + " target values "
                    + Memory.shortOf(bytes));
        }
        double[] y = new double[labels.size()];
        for (int i = 0; i < y.length; i++) {
            // line numbers are exact: no blank lines, no quoted value spans two lines
            y[i] = number(labels.get(i), table.labelColumn(), table.file(), i + 2L,
                    "a regression's labels are numbers");
        }
        return new CsvData(Dataset.regression(table.features(), Tensor.adopt(DMatrixRMaj.wrap(y.length, 1, y))), table.featureNames(), List.of());
    }

    private static List<String> requireLabels(CsvTable table) {
        if (table.labels().isEmpty()) {
            throw new DataFileException(table.file(), "has no label column to train on");
        }
        return table.labels();
    }

    /** {@code 'a', 'b'}: names for a message, each cut to a readable length, at most a few shown. */
    static String quoted(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(names.size(), 3 * SHOWN); i++) {
            sb.append(i == 0 ? "" : ", ").append('\'').append(shorten(names.get(i))).append('\'');
        }
        return names.size() > 3 * SHOWN ? sb + " and " + (names.size() - 3 * SHOWN) + " more" : sb.toString();
    }

    private static String shorten(String text) {
        return text.length() <= SHOWN_LENGTH ? text : text.substring(0, SHOWN_LENGTH) + "...";
    }

    /** The column names, checked: non-empty, distinct, the label among them with at least one feature beside it. */
    private static List<String> header(String line, Path file, String labelColumn) {
        // labelColumn is null when the file need not have one
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
        if (labelColumn != null && !seen.containsKey(labelColumn)) {
            throw new DataFileException(file, 1, "no column named '" + labelColumn + "' for the labels; the columns are "
                    + String.join(", ", names));
        }
        if (labelColumn != null && names.size() < 2) {
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
        return number(text, column, file, lineNumber, "every column except the label must be numeric");
    }

    private static double number(String text, String column, Path file, long lineNumber, String rule) {
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
                    + "' is not a number (" + rule + ")");
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
        boolean numbers = integers || labels.stream().allMatch(label -> NUMBER.matcher(label).matches());
        if (numbers) {
            // counted up to a bound: a regression column's million distinct values need not be held
            Set<Object> distinct = new HashSet<>();
            for (int i = 0; i < labels.size() && distinct.size() <= COUNTED_DISTINCT; i++) {
                distinct.add(integers ? integer(labels.get(i)) : labels.get(i));
            }
            int count = distinct.size();
            if (!integers || count > MAX_NUMBERED_CLASSES) {
                List<String> shown = labels.stream().filter(l -> !integers && !INTEGER.matcher(l).matches() || integers)
                        .distinct().limit(SHOWN).map(CsvLoader::shorten).toList();
                throw new DataFileException(file, "the labels in column '" + shorten(labelColumn) + "' are numbers, "
                        + (count > COUNTED_DISTINCT ? "more than " + COUNTED_DISTINCT : count) + " distinct"
                        + (integers ? " whole numbers" : ", not all whole") + " (such as " + String.join(", ", shown)
                        + "): classes are names or at most " + MAX_NUMBERED_CLASSES + " distinct whole numbers."
                        + " To predict the number itself, train a regression (--task regression)");
            }
        }
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
                    + shorten(classOf.keySet().iterator().next())
                    + "': a classifier needs at least two classes");
        }
        int[] indices = labels.stream().mapToInt(label -> classOf.get(key.apply(label))).toArray();
        return new Classes(indices, new ArrayList<>(classOf.keySet()));
    }

    /** Numbers labels by known class names; a label outside them is refused with its line. */
    private static Classes known(List<String> labels, List<String> names, Path file) {
        boolean integers = names.stream().allMatch(name -> INTEGER.matcher(name).matches());
        Map<String, Integer> classOf = new HashMap<>();
        for (int k = 0; k < names.size(); k++) {
            classOf.put(integers ? integer(names.get(k)).toString() : names.get(k), k);
        }
        int[] indices = new int[labels.size()];
        for (int i = 0; i < indices.length; i++) {
            String label = labels.get(i);
            Integer k = classOf.get(integers && INTEGER.matcher(label).matches() ? integer(label).toString() : label);
            if (k == null) {
                throw new DataFileException(file, i + 2L, "label '" + shorten(label) + "' is not one of the training"
                        + " classes " + quoted(names));
            }
            indices[i] = k;
        }
        return new Classes(indices, List.copyOf(names));
    }

    /** Class indices, one per example, and each class's label text. */
    private record Classes(int[] indices, List<String> names) {
    }

    private static BigInteger integer(String label) {
        return new BigDecimal(label).toBigIntegerExact();
    }
}
