package org.chainrule.nn.interop;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.nn.interop.InteropException.Reason;

/**
 * Reads and writes one {@link Tensor} as a NumPy {@code .npy} file, the format of
 * {@code numpy.save} and {@code numpy.load}.
 *
 * <p>The format (NumPy's {@code numpy.lib.format}): the magic bytes {@code \x93NUMPY}, a
 * major and a minor version byte, the header's length (2 bytes little-endian in version 1.0,
 * 4 bytes in 2.0 and 3.0), the header — a Python dict literal such as
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }} padded with spaces and
 * a newline — and then the elements, C (row-major) order unless {@code fortran_order}.
 *
 * <p><b>Writing</b> gives version 1.0, {@code '<f8'}, C order, and the tensor's two
 * dimensions {@code (rows, cols)}: {@code numpy.load} returns the same numbers bit for bit.
 *
 * <p><b>Reading</b> takes versions 1.0, 2.0 and 3.0; {@code '<f8'}, and {@code '<f4'}
 * widened exactly to doubles; C or Fortran order (a Fortran-order file is put into row-major
 * order). A scalar {@code ()} reads as {@code 1x1} and a vector {@code (n,)} as a {@code 1xn}
 * row. Anything else — another dtype (named in the message), more than two dimensions, an
 * empty array, a malformed or over-long header ({@value #MAX_HEADER} bytes at most), a data
 * length that differs from what the header promises — is refused with an
 * {@link InteropException} before the data is allocated.
 */
public final class Npy {
    /** The longest header read, in bytes; NumPy's own writer stays far below it. */
    static final int MAX_HEADER = 1 << 16;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGNMENT = 64;
    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    private Npy() {
    }

    /**
     * Reads a tensor from a {@code .npy} file.
     *
     * @param path the file.
     * @return the tensor.
     * @throws InteropException if the file cannot be read or is refused (see the class doc).
     * @throws ChainruleException if {@code path} is null.
     */
    public static Tensor read(Path path) {
        ChainruleException.requireNonNull(path, "npy: path");
        String where = "npy file " + path;
        try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
            ArrayHeader header = readHeader(in, in.size(), path.getFileName().toString(), where);
            ArrayHeader.checkBeforeReading(Map.of(header.name(), header), null, where);
            return header.toTensor(header.dtype().read(in, (int) header.elements()), where);
        } catch (EOFException e) {
            throw new InteropException(Reason.MALFORMED, where + ": truncated: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InteropException(Reason.IO_ERROR, where + ": cannot read: " + e, e);
        }
    }

    /**
     * Writes a tensor as a {@code .npy} file: version 1.0, {@code '<f8'}, C order, shape
     * {@code (rows, cols)}.
     *
     * @param tensor the tensor. Not modified.
     * @param path the file to write (replaced if it exists; written atomically where the file
     *     system can).
     * @throws InteropException if writing fails.
     * @throws ChainruleException if an argument is null.
     */
    public static void write(Tensor tensor, Path path) {
        ChainruleException.requireNonNull(tensor, "npy: tensor");
        ChainruleException.requireNonNull(path, "npy: path");
        long[] shape = {tensor.rows(), tensor.cols()};
        double[] values = tensor.matrixView().data;
        Saving.atomically(path, "npy file", out -> write(shape, values, tensor.size(), out));
    }

    /**
     * Writes one array in {@code .npy} form: header, then {@code '<f8'} data in C order.
     *
     * @param shape the dimensions to record. Not modified.
     * @param values the elements, row-major; the first {@code count} are written. Not modified.
     * @param count the number of elements, the product of {@code shape}.
     * @param out where to write. Modified.
     * @throws IOException if writing fails.
     */
    static void write(long[] shape, double[] values, int count, OutputStream out) throws IOException {
        out.write(header(shape));
        Dtype.writeF64(values, count, out);
    }

    private static byte[] header(long[] shape) {
        StringBuilder dims = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            dims.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        dims.append(shape.length == 1 ? ",)" : ")");
        String dict = "{'descr': '" + Dtype.F64.npyDescr() + "', 'fortran_order': False, 'shape': " + dims + ", }";
        int prefix = MAGIC.length + 2 + 2;
        int padding = ALIGNMENT - (prefix + dict.length() + 1) % ALIGNMENT;
        String text = dict + " ".repeat(padding % ALIGNMENT) + "\n";
        ByteBuffer out = ByteBuffer.allocate(prefix + text.length()).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
        out.put(text.getBytes(StandardCharsets.US_ASCII));
        return out.array();
    }

    /**
     * Reads and checks a {@code .npy} header, leaving {@code in} at the first data byte. The
     * data length the header promises must be exactly what is left of {@code length}.
     *
     * @param in the bytes, at the start of the array. Modified (read from).
     * @param length the array's length in bytes, header included (the file's or the zip
     *     entry's size).
     * @param name the array's name, for messages and the result.
     * @param where the file, for messages.
     * @return the header.
     * @throws InteropException if the header is malformed, over-long, of an unknown version
     *     or dtype, or promises a different data length.
     * @throws IOException if reading fails.
     */
    static ArrayHeader readHeader(ReadableByteChannel in, long length, String name, String where) throws IOException {
        int fixed = MAGIC.length + 2;
        if (length < fixed + 2) {
            throw malformed(where, "only " + length + " bytes, too short for a .npy header");
        }
        ByteBuffer start = read(in, fixed, where);
        byte[] magic = new byte[MAGIC.length];
        start.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw malformed(where, "not a .npy file: it does not start with the magic bytes \\x93NUMPY");
        }
        int major = start.get() & 0xff;
        int minor = start.get() & 0xff;
        if (major < 1 || major > 3 || minor != 0) {
            throw malformed(where, ".npy format version " + major + "." + minor + "; Chainrule reads 1.0, 2.0 and 3.0");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        ByteBuffer size = read(in, lengthBytes, where);
        long headerLength = major == 1 ? size.getShort() & 0xffffL : size.getInt() & 0xffffffffL;
        long dataStart = fixed + lengthBytes + headerLength;
        if (headerLength > MAX_HEADER) {
            throw malformed(where, "the header claims " + headerLength + " bytes; Chainrule reads headers up to "
                    + MAX_HEADER);
        }
        if (dataStart > length) {
            throw malformed(where, "the header claims " + headerLength + " bytes, past the end of the "
                    + length + "-byte array");
        }
        byte[] raw = read(in, (int) headerLength, where).array();
        String text;
        try {
            text = (major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).newDecoder().decode(
                    ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw malformed(where, "the header is not valid UTF-8");
        }
        ArrayHeader header = parseHeader(text, name, where);
        long promised = header.dataBytes();
        if (promised != length - dataStart) {
            throw malformed(where, "the header promises " + header.shapeText() + " " + header.dtype().npyDescr()
                    + " = " + (promised == Long.MAX_VALUE ? "too many" : promised + "") + " data bytes but "
                    + (length - dataStart) + " follow the header");
        }
        return header;
    }

    private static ByteBuffer read(ReadableByteChannel in, int count, String where) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(count).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (in.read(buffer) < 0) {
                throw malformed(where, "truncated inside the header");
            }
        }
        return buffer.flip();
    }

    /** Parses the header's dict literal into its three keys, refusing anything else. */
    private static ArrayHeader parseHeader(String text, String name, String where) {
        Map<String, Object> dict;
        try {
            dict = new PythonLiteral(text.strip()).dict();
        } catch (IllegalArgumentException e) {
            throw malformed(where, "the header " + quoted(text) + " is not a dict literal: " + e.getMessage());
        }
        if (!dict.keySet().equals(KEYS)) {
            throw malformed(where, "the header has keys " + dict.keySet() + " but must have exactly " + KEYS);
        }
        if (!(dict.get("descr") instanceof String descr)) {
            throw malformed(where, "'descr' is " + dict.get("descr") + ", not a dtype string such as '<f8'"
                    + " (structured arrays are not read)");
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw malformed(where, "'fortran_order' is " + dict.get("fortran_order") + ", not True or False");
        }
        if (!(dict.get("shape") instanceof long[] shape)) {
            throw malformed(where, "'shape' is " + dict.get("shape") + ", not a tuple of non-negative integers");
        }
        Dtype dtype = Dtype.ofNpy(descr);
        if (dtype == null) {
            throw new InteropException(Reason.UNSUPPORTED_DTYPE, where + ": dtype '" + descr + "' is not read:"
                    + " Chainrule reads '<f8', and '<f4' widened to doubles");
        }
        return new ArrayHeader(name, dtype, shape, fortran);
    }

    private static String quoted(String text) {
        String shown = text.strip();
        return "'" + (shown.length() > 80 ? shown.substring(0, 80) + "..." : shown) + "'";
    }

    private static InteropException malformed(String where, String detail) {
        return new InteropException(Reason.MALFORMED, where + ": " + detail);
    }

    /**
     * The Python literals a {@code .npy} header uses: a dict with string keys whose values
     * are strings, {@code True}/{@code False}, or tuples of non-negative integers (returned
     * as {@code long[]}).
     */
    private static final class PythonLiteral {
        private final String text;
        private int at;

        PythonLiteral(String text) {
            this.text = text;
        }

        Map<String, Object> dict() {
            Map<String, Object> dict = new HashMap<>();
            expect('{');
            while (!peek('}')) {
                String key = string();
                expect(':');
                Object value = value();
                if (dict.put(key, value) != null) {
                    throw new IllegalArgumentException("the key '" + key + "' appears twice");
                }
                if (!peek('}')) {
                    expect(',');
                }
            }
            expect('}');
            skipSpaces();
            if (at != text.length()) {
                throw new IllegalArgumentException("text after the closing brace");
            }
            return dict;
        }

        private Object value() {
            skipSpaces();
            if (peek('\'') || peek('"')) {
                return string();
            }
            if (peek('(')) {
                return tuple();
            }
            for (String word : List.of("True", "False")) {
                if (text.startsWith(word, at)) {
                    at += word.length();
                    return Boolean.valueOf(word);
                }
            }
            throw new IllegalArgumentException("unexpected value at character " + at);
        }

        private long[] tuple() {
            expect('(');
            List<Long> items = new ArrayList<>();
            boolean comma = false;
            while (!peek(')')) {
                items.add(integer());
                comma = peek(',');
                if (comma) {
                    expect(',');
                } else if (!peek(')')) {
                    throw new IllegalArgumentException("expected ',' or ')' at character " + at);
                }
            }
            expect(')');
            if (items.size() == 1 && !comma) {
                throw new IllegalArgumentException("(n) is a number, not a tuple; a 1-tuple is written (n,)");
            }
            return items.stream().mapToLong(Long::longValue).toArray();
        }

        private long integer() {
            skipSpaces();
            int start = at;
            while (at < text.length() && Character.isDigit(text.charAt(at)) && text.charAt(at) < 0x80) {
                at++;
            }
            if (at == start) {
                throw new IllegalArgumentException("expected a non-negative integer at character " + at);
            }
            if (at < text.length() && text.charAt(at) == 'L') {
                at++; // Python 2 wrote long integers as 3L
            }
            try {
                return Long.parseLong(text.substring(start, at).replace("L", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the integer " + text.substring(start, at) + " is too large");
            }
        }

        private String string() {
            skipSpaces();
            if (!peek('\'') && !peek('"')) {
                throw new IllegalArgumentException("expected a quoted string at character " + at);
            }
            char quote = text.charAt(at++);
            int end = text.indexOf(quote, at);
            if (end < 0) {
                throw new IllegalArgumentException("a string is not closed");
            }
            String s = text.substring(at, end);
            if (s.indexOf('\\') >= 0) {
                throw new IllegalArgumentException("escapes in strings are not read");
            }
            at = end + 1;
            return s;
        }

        private boolean peek(char c) {
            skipSpaces();
            return at < text.length() && text.charAt(at) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw new IllegalArgumentException("expected '" + c + "' at character " + at);
            }
            at++;
        }

        private void skipSpaces() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }
}
