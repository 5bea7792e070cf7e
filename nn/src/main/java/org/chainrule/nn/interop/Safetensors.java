package org.chainrule.nn.interop;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.nn.Module;
import org.chainrule.nn.interop.InteropException.Reason;

/**
 * Saves and loads a model's parameters as a <a href="https://github.com/huggingface/safetensors">safetensors</a>
 * file, the weights format of Hugging Face and of PyTorch's {@code safetensors.torch}.
 *
 * <p>The format: an unsigned 64-bit little-endian integer {@code N}; {@code N} bytes of UTF-8
 * JSON (possibly padded with spaces) mapping each tensor's name to
 * {@code {"dtype": "F64", "shape": [5, 3], "data_offsets": [begin, end]}}, plus an optional
 * {@code "__metadata__"} object of strings; then the data buffer, in which each tensor's
 * bytes, little-endian and row-major, lie at {@code [begin, end)}.
 *
 * <p><b>Writing</b> gives {@code F64}, one entry per name of the {@link WeightLayout} in its
 * order, the header padded with spaces to a multiple of 8 bytes. {@code safetensors.torch
 * .load_file} and NumPy read it back bit for bit.
 *
 * <p><b>Reading</b> takes {@code F64}, and {@code F32} widened exactly to doubles. Before it
 * allocates any array it checks, and refuses with a one-line {@link InteropException}: a
 * header length beyond the file or above {@value #MAX_HEADER} bytes; a header that is not a
 * JSON object of well-formed entries (duplicate names included); any other dtype, by name;
 * offsets whose length disagrees with the dtype and shape, that overlap, leave a gap, or
 * run past or stop short of the end of the file; arrays of more than two dimensions or none
 * of their elements (where they are to be read); names or shapes that do not fit the layout;
 * and arrays that would not fit in the memory the JVM has left. A refused load changes no
 * parameter.
 */
public final class Safetensors {
    /** The longest header read, in bytes: the reference implementation's limit. */
    static final long MAX_HEADER = 100_000_000L;

    private static final String METADATA = "__metadata__";
    private static final int ALIGNMENT = 8;

    /** One tensor's header entry with its place in the data buffer. */
    private record Entry(ArrayHeader header, long begin, long end) {
    }

    /** A checked header: the entries in header order, the metadata, and where the data starts. */
    private record Contents(Map<String, Entry> entries, Map<String, String> metadata, long dataStart) {
    }

    private Safetensors() {
    }

    /**
     * Saves a model's parameters in {@link WeightLayout#chainrule(Module) Chainrule's layout}.
     *
     * @param model the model. Not modified.
     * @param path the file to write (replaced if it exists; written atomically where the file
     *     system can).
     * @throws InteropException if writing fails.
     * @throws ChainruleException if an argument is null or two parameters share a name.
     */
    public static void save(Module model, Path path) {
        save(WeightLayout.chainrule(model), path, Map.of());
    }

    /**
     * Saves parameters under a layout's names and shapes, for example
     * {@link WeightLayout#pytorch(org.chainrule.nn.Layer)} for PyTorch's {@code load_state_dict}.
     *
     * @param layout the names and parameters. Not modified.
     * @param path the file to write (replaced if it exists).
     * @throws InteropException if writing fails.
     * @throws ChainruleException if an argument is null.
     */
    public static void save(WeightLayout layout, Path path) {
        save(layout, path, Map.of());
    }

    /**
     * Saves parameters under a layout with a {@code __metadata__} map in the header.
     *
     * @param layout the names and parameters. Not modified.
     * @param path the file to write (replaced if it exists).
     * @param metadata free-form strings to store, e.g. {@code {"format": "pt"}}. Not modified.
     * @throws InteropException if writing fails.
     * @throws ChainruleException if an argument, a metadata key or a value is null, or a
     *     layout name is {@code __metadata__}.
     */
    public static void save(WeightLayout layout, Path path, Map<String, String> metadata) {
        ChainruleException.requireNonNull(layout, "safetensors: layout");
        ChainruleException.requireNonNull(path, "safetensors: path");
        ChainruleException.requireNonNull(metadata, "safetensors: metadata");
        byte[] header = header(layout, metadata);
        Saving.atomically(path, "safetensors", out -> {
            out.write(header);
            for (WeightLayout.Slot slot : layout.slots()) {
                Dtype.writeF64(slot.fileValues(), slot.parameter().shape().size(), out);
            }
        });
    }

    private static byte[] header(WeightLayout layout, Map<String, String> metadata) {
        StringBuilder json = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            json.append(Json.quote(METADATA)).append(":{");
            String separator = "";
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                ChainruleException.requireNonNull(e.getKey(), "safetensors: a metadata key");
                ChainruleException.requireNonNull(e.getValue(), "safetensors: metadata '" + e.getKey() + "'");
                json.append(separator).append(Json.quote(e.getKey())).append(':').append(Json.quote(e.getValue()));
                separator = ",";
            }
            json.append('}');
        }
        long offset = 0;
        for (WeightLayout.Slot slot : layout.slots()) {
            if (slot.name().equals(METADATA)) {
                throw new ChainruleException("safetensors: '" + METADATA + "' is reserved for the header's metadata"
                        + " and cannot name a tensor");
            }
            long end = offset + (long) Double.BYTES * slot.parameter().shape().size();
            json.append(json.length() > 1 ? "," : "").append(Json.quote(slot.name()))
                    .append(":{\"dtype\":\"").append(Dtype.F64.safetensorsName()).append("\",\"shape\":")
                    .append(ArrayHeader.shapeText(slot.fileShape()).replace(" ", ""))
                    .append(",\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
            offset = end;
        }
        byte[] text = json.append('}').toString().getBytes(StandardCharsets.UTF_8);
        int padded = (text.length + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        ByteBuffer out = ByteBuffer.allocate(Long.BYTES + padded).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(text);
        while (out.hasRemaining()) {
            out.put((byte) ' ');
        }
        return out.array();
    }

    /**
     * Loads a file saved in {@link WeightLayout#chainrule(Module) Chainrule's layout}.
     *
     * @param model the model. Modified only if the whole file is valid and matches it.
     * @param path the file.
     * @throws InteropException if the file is unreadable or refused (see the class doc); the
     *     model is then unchanged.
     * @throws ChainruleException if an argument is null or two parameters share a name.
     */
    public static void load(Module model, Path path) {
        load(WeightLayout.chainrule(model), path);
    }

    /**
     * Loads a file under a layout's names and shapes, for example a PyTorch
     * {@code state_dict} with {@link WeightLayout#pytorch(org.chainrule.nn.Layer)}.
     *
     * @param layout the names and parameters. The parameters are modified only if the whole
     *     file is valid and matches the layout.
     * @param path the file.
     * @throws InteropException if the file is unreadable or refused (see the class doc); no
     *     parameter is then changed.
     * @throws ChainruleException if an argument is null.
     */
    public static void load(WeightLayout layout, Path path) {
        ChainruleException.requireNonNull(layout, "safetensors: layout");
        layout.assign(read(path, layout), where(path));
    }

    /**
     * Reads every tensor of a file, without a model, for inspection: a vector {@code [n]}
     * reads as a {@code 1xn} row, a scalar {@code []} as {@code 1x1}.
     *
     * @param path the file.
     * @return the tensors by name, in header order; unmodifiable.
     * @throws InteropException if the file is unreadable or refused (see the class doc).
     * @throws ChainruleException if {@code path} is null.
     */
    public static Map<String, Tensor> read(Path path) {
        return read(path, null);
    }

    /**
     * The header's {@code __metadata__} map.
     *
     * @param path the file.
     * @return the metadata, empty if there is none; unmodifiable.
     * @throws InteropException if the file is unreadable or its header is refused.
     * @throws ChainruleException if {@code path} is null.
     */
    public static Map<String, String> metadata(Path path) {
        ChainruleException.requireNonNull(path, "safetensors: path");
        try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
            return contents(in, where(path)).metadata();
        } catch (IOException e) {
            throw new InteropException(Reason.IO_ERROR, where(path) + ": cannot read: " + e, e);
        }
    }

    private static String where(Path path) {
        return "safetensors file " + path;
    }

    /** Reads the tensors, checked against {@code layout} first unless it is null. */
    private static Map<String, Tensor> read(Path path, WeightLayout layout) {
        ChainruleException.requireNonNull(path, "safetensors: path");
        String where = where(path);
        try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
            Contents contents = contents(in, where);
            Map<String, ArrayHeader> headers = new LinkedHashMap<>();
            for (Map.Entry<String, Entry> e : contents.entries().entrySet()) {
                headers.put(e.getKey(), e.getValue().header());
            }
            ArrayHeader.checkBeforeReading(headers, layout, where);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Entry entry : contents.entries().values()) {
                ArrayHeader header = entry.header();
                in.position(contents.dataStart() + entry.begin());
                tensors.put(header.name(), header.toTensor(header.dtype().read(in, (int) header.elements()), where));
            }
            return Collections.unmodifiableMap(tensors);
        } catch (EOFException e) {
            throw new InteropException(Reason.MALFORMED, where + ": truncated while reading data: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InteropException(Reason.IO_ERROR, where + ": cannot read: " + e, e);
        }
    }

    /** Reads and checks the header and the layout of the data buffer; allocates at most the header. */
    private static Contents contents(FileChannel in, String where) throws IOException {
        long size = in.size();
        if (size < Long.BYTES) {
            throw malformed(where, "only " + size + " bytes, too short for the 8-byte header length");
        }
        ByteBuffer prefix = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        readFully(in, prefix, where);
        long n = prefix.flip().getLong();
        String length = Long.toUnsignedString(n);
        if (n < 0 || n > size - Long.BYTES) {
            throw malformed(where, "the header length " + length + " runs past the end of the " + size + "-byte file");
        }
        if (n > MAX_HEADER) {
            throw malformed(where, "the header length " + length + " is above the " + MAX_HEADER + "-byte limit");
        }
        ByteBuffer raw = ByteBuffer.allocate((int) n);
        readFully(in, raw, where);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(raw.flip()).toString();
        } catch (CharacterCodingException e) {
            throw malformed(where, "the header is not valid UTF-8");
        }
        if (!text.startsWith("{")) {
            throw malformed(where, "the header does not start with '{'");
        }
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw malformed(where, "the header is not valid JSON: " + e.getMessage());
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        Map<String, String> metadata = Map.of();
        for (Map.Entry<String, Object> e : asObject(parsed, "the header", where).entrySet()) {
            if (e.getKey().equals(METADATA)) {
                metadata = metadata(e.getValue(), where);
            } else {
                entries.put(e.getKey(), entry(e.getKey(), e.getValue(), where));
            }
        }
        checkOffsets(entries.values(), size - Long.BYTES - n, where);
        return new Contents(Collections.unmodifiableMap(entries), metadata, Long.BYTES + n);
    }

    private static Map<String, String> metadata(Object value, String where) {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : asObject(value, "'" + METADATA + "'", where).entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw malformed(where, "'" + METADATA + "' maps '" + e.getKey() + "' to " + e.getValue()
                        + ", but its values must be strings");
            }
            metadata.put(e.getKey(), s);
        }
        return Collections.unmodifiableMap(metadata);
    }

    /** One tensor's entry: a dtype name, a shape of non-negative integers, two offsets. */
    private static Entry entry(String name, Object value, String where) {
        Map<String, Object> fields = asObject(value, "tensor '" + name + "'", where);
        if (!(fields.get("dtype") instanceof String dtypeName)) {
            throw malformed(where, "tensor '" + name + "' has no \"dtype\" string");
        }
        long[] shape = integers(fields.get("shape"), -1, "\"shape\"", name, where);
        long[] offsets = integers(fields.get("data_offsets"), 2, "\"data_offsets\"", name, where);
        Dtype dtype = Dtype.ofSafetensors(dtypeName);
        if (dtype == null) {
            throw new InteropException(Reason.UNSUPPORTED_DTYPE, where + ": tensor '" + name + "' has dtype '"
                    + dtypeName + "', which Chainrule does not read: it reads F64, and F32 widened to F64");
        }
        ArrayHeader header = new ArrayHeader(name, dtype, shape, false);
        if (offsets[0] > offsets[1] || offsets[1] - offsets[0] != header.dataBytes()) {
            throw malformed(where, "tensor '" + name + "' has data_offsets [" + offsets[0] + ", " + offsets[1]
                    + "] but " + dtypeName + " " + header.shapeText() + " takes "
                    + (header.dataBytes() == Long.MAX_VALUE ? "more than 2^63" : header.dataBytes()) + " bytes");
        }
        return new Entry(header, offsets[0], offsets[1]);
    }

    /** A JSON array of non-negative integers, of {@code length} entries unless that is negative. */
    private static long[] integers(Object value, int length, String what, String name, String where) {
        if (!(value instanceof List<?> list) || (length >= 0 && list.size() != length)) {
            throw malformed(where, "tensor '" + name + "' has " + what + " " + value + ", not a list of "
                    + (length >= 0 ? length + " " : "") + "non-negative integers");
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long n) || n < 0) {
                throw malformed(where, "tensor '" + name + "' has " + what + " " + value + ", not a list of"
                        + " non-negative integers");
            }
            out[i] = n;
        }
        return out;
    }

    /** The tensors, sorted by offset, must tile the data buffer exactly: no overlap, no gap, nothing past or left over. */
    private static void checkOffsets(Collection<Entry> entries, long bufferLength, String where) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long covered = 0;
        String previous = null;
        for (Entry e : sorted) {
            String name = "tensor '" + e.header().name() + "' [" + e.begin() + ", " + e.end() + ")";
            if (e.end() > bufferLength) {
                throw malformed(where, name + " runs past the end of the " + bufferLength + "-byte data buffer");
            }
            if (e.begin() < covered) {
                throw malformed(where, name + " overlaps " + previous);
            }
            if (e.begin() > covered) {
                throw malformed(where, "bytes [" + covered + ", " + e.begin() + ") of the data buffer belong to no"
                        + " tensor (before " + name + ")");
            }
            covered = e.end();
            previous = name;
        }
        if (covered != bufferLength) {
            throw malformed(where, "the tensors cover " + covered + " bytes of the " + bufferLength
                    + "-byte data buffer; the rest belongs to no tensor");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Object value, String what, String where) {
        if (!(value instanceof Map<?, ?>)) {
            throw malformed(where, what + " is " + value + ", not a JSON object");
        }
        return (Map<String, Object>) value;
    }

    private static void readFully(FileChannel in, ByteBuffer buffer, String where) throws IOException {
        while (buffer.hasRemaining()) {
            if (in.read(buffer) < 0) {
                throw malformed(where, "truncated inside the header");
            }
        }
    }

    private static InteropException malformed(String where, String detail) {
        return new InteropException(Reason.MALFORMED, where + ": " + detail);
    }}
