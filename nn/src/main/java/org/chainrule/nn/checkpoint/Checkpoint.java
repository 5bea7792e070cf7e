package org.chainrule.nn.checkpoint;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Memory;
import org.chainrule.core.Quote;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.Module;
import org.chainrule.nn.io.AtomicWrite;
import org.chainrule.nn.checkpoint.CheckpointException.Reason;
import org.ejml.data.DMatrixRMaj;

/**
 * Saves and loads a model's parameters by name, bit for bit, and with them, for resumable
 * training and self-contained model files, further named tensors and text metadata
 * ({@link CheckpointContents}). This class owns the file format.
 *
 * <p>Format, version 2, all numbers big-endian:
 * <pre>
 * magic      8 bytes  "CHRLCKPT"
 * version    int32    2
 * length     int64    number of payload bytes that follow
 * payload    parameters: count int32, then per tensor:
 *              name length int32, name (UTF-8), rows int32, cols int32,
 *              rows * cols doubles as raw IEEE-754 bits, row-major
 *            state: count int32, then tensors as above
 *            metadata: count int32, then per entry:
 *              key length int32, key (UTF-8), value length int32, value (UTF-8)
 * checksum   int32    CRC32 of every byte before it
 * </pre>
 * Version 1, written before version 2 existed, is the same with the parameters section only;
 * such files still load (as contents with no state and no metadata). Raw bits make the round
 * trip exact, including {@code -0.0}, subnormals and infinities.
 *
 * <p>Saving writes a temporary file in the target's directory, forces it to disk and then
 * renames it over the target (atomically where the file system can), so a crash mid-save
 * leaves the previous checkpoint intact.
 *
 * <p>Loading reads and checks the whole file — magic number, version, length, checksum,
 * structure, and then that the names and shapes match the model exactly — before it touches
 * any parameter, so a rejected file leaves the model exactly as it was.
 */
public final class Checkpoint {
    /** The format version this code writes; it reads this one and every earlier one. */
    public static final int VERSION = 2;
    /** The first format, parameters only. */
    static final int VERSION_PARAMETERS_ONLY = 1;

    private static final byte[] MAGIC = "CHRLCKPT".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + Integer.BYTES + Long.BYTES;
    private static final int CHECKSUM = Integer.BYTES;

    private Checkpoint() {
    }

    /**
     * Saves a model's parameters.
     *
     * @param model the model. Not modified.
     * @param path the file to write (replaced if it exists).
     * @throws CheckpointException if writing fails.
     * @throws org.chainrule.core.ChainruleException if two parameters share a name, or an
     *     argument is null.
     */
    public static void save(Module model, Path path) {
        save(ChainruleException.requireNonNull(model, "checkpoint: model").parameters(), path);
    }

    /**
     * Saves parameters by name.
     *
     * @param parameters the parameters, with distinct names. Not modified.
     * @param path the file to write (replaced if it exists).
     * @throws CheckpointException if writing fails.
     * @throws org.chainrule.core.ChainruleException if two parameters share a name, or an
     *     argument is null.
     */
    public static void save(Collection<Parameter> parameters, Path path) {
        ChainruleException.requireNonNull(path, "checkpoint: path");
        Map<String, Tensor> values = new LinkedHashMap<>();
        Module.byName(parameters).forEach((name, p) -> values.put(name, p.value()));
        write(CheckpointContents.ofParameters(values), path);
    }

    /**
     * Writes parameters, state and metadata in the current format.
     *
     * @param contents what to save.
     * @param path the file to write (replaced atomically if it exists).
     * @throws CheckpointException if writing fails.
     * @throws org.chainrule.core.ChainruleException if an argument is null.
     */
    public static void write(CheckpointContents contents, Path path) {
        ChainruleException.requireNonNull(contents, "checkpoint: contents");
        ChainruleException.requireNonNull(path, "checkpoint: path");
        writeAtomically(encode(contents), path);
    }

    /**
     * Loads a checkpoint into a model: every parameter gets the saved value of the same name.
     *
     * @param model the model. Modified only if the whole checkpoint is valid and matches it.
     * @param path the file to read.
     * @throws CheckpointException if the file is unreadable, not a checkpoint, of another
     *     version, truncated or corrupted, or if a parameter is missing, extra or shaped
     *     differently; the model is then unchanged.
     * @throws org.chainrule.core.ChainruleException if an argument is null.
     */
    public static void load(Module model, Path path) {
        load(ChainruleException.requireNonNull(model, "checkpoint: model").parameters(), path);
    }

    /**
     * Loads a checkpoint into parameters by name.
     *
     * @param parameters the parameters, with distinct names. Modified only if the whole
     *     checkpoint is valid and matches them.
     * @param path the file to read.
     * @throws CheckpointException as for {@link #load(Module, Path)}; nothing is then changed.
     * @throws org.chainrule.core.ChainruleException if two parameters share a name, or an
     *     argument is null.
     */
    public static void load(Collection<Parameter> parameters, Path path) {
        Module.byName(parameters);
        ChainruleException.requireNonNull(path, "checkpoint: path");
        assign(parameters, read(path), "checkpoint " + path);
    }

    /**
     * Sets parameters to saved values by name, after checking that every name and shape matches.
     *
     * @param parameters the parameters, with distinct names. Modified only if all match.
     * @param saved the values by name. Not modified.
     * @param where the source, for messages (e.g. {@code "checkpoint run.ckpt"}).
     * @throws CheckpointException if a parameter is missing, extra or shaped differently;
     *     nothing is then changed.
     * @throws org.chainrule.core.ChainruleException if two parameters share a name, or an
     *     argument is null.
     */
    public static void assign(Collection<Parameter> parameters, Map<String, Tensor> saved, String where) {
        Map<String, Parameter> byName = Module.byName(parameters);
        ChainruleException.requireNonNull(saved, "checkpoint: saved values");
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : byName.entrySet()) {
            Tensor value = saved.get(e.getKey());
            if (value == null) {
                problems.add("parameter '" + e.getKey() + "' " + e.getValue().shape() + " is missing from the file");
            } else if (!value.shape().equals(e.getValue().shape())) {
                problems.add("parameter '" + e.getKey() + "' is " + value.shape() + " in the file but "
                        + e.getValue().shape() + " in the model");
            }
        }
        for (Map.Entry<String, Tensor> e : saved.entrySet()) {
            if (!byName.containsKey(e.getKey())) {
                problems.add("the file has an extra parameter " + Quote.of(e.getKey()) + " " + e.getValue().shape()
                        + " that the model does not");
            }
        }
        if (!problems.isEmpty()) {
            throw new CheckpointException(Reason.MODEL_MISMATCH, where + " does not match the model: "
                    + String.join("; ", problems) + ". Nothing was loaded");
        }
        for (Map.Entry<String, Parameter> e : byName.entrySet()) {
            e.getValue().setValue(saved.get(e.getKey()));
        }
    }

    /**
     * Reads a checkpoint without a model, for inspection.
     *
     * @param path the file to read.
     * @return the saved parameter values by name, in the order saved; unmodifiable.
     * @throws CheckpointException if the file is unreadable, not a checkpoint, of another
     *     version, truncated or corrupted.
     * @throws org.chainrule.core.ChainruleException if {@code path} is null.
     */
    public static Map<String, Tensor> read(Path path) {
        return readContents(path).parameters();
    }

    /**
     * Reads everything a checkpoint holds, of any version this code knows.
     *
     * @param path the file to read.
     * @return the parameters, state and metadata (the last two empty for a version 1 file).
     * @throws CheckpointException if the file is unreadable, not a checkpoint, of an unknown
     *     version, truncated or corrupted.
     * @throws org.chainrule.core.ChainruleException if {@code path} is null.
     */
    public static CheckpointContents readContents(Path path) {
        ChainruleException.requireNonNull(path, "checkpoint: path");
        String where = "checkpoint " + path;
        if (Files.isDirectory(path) || (Files.exists(path) && !Files.isRegularFile(path))) {
            throw new CheckpointException(Reason.IO_ERROR, where + ": not a regular file");
        }
        byte[] bytes;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            // the header first: a wrong or oversized file is refused before the rest is read
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, HEADER));
            readFully(channel, head, 0);
            checkHeader(head.array(), size, where);
            if (!Memory.fits(size)) {
                throw new CheckpointException(Reason.IO_ERROR, where + ": " + Memory.shortOf(size));
            }
            ByteBuffer all = ByteBuffer.allocate((int) size);
            readFully(channel, all, 0);
            bytes = all.array();
        } catch (IOException e) {
            throw new CheckpointException(Reason.IO_ERROR, where + ": cannot read: " + e, e);
        }
        return decode(bytes, path);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new IOException("the file ended early (it changed while being read)");
            }
            at += read;
        }
    }

    /**
     * Checks what the header promises against the file's length: the magic number, the
     * version, and a payload length that fits the format and the file exactly.
     *
     * @param head the file's first bytes (at least the header, unless the file is shorter).
     * @param length the file's length in bytes.
     * @param where the file, for messages.
     */
    private static void checkHeader(byte[] head, long length, String where) {
        int prefix = (int) Math.min(Math.min(head.length, length), MAGIC.length);
        if (!Arrays.equals(head, 0, prefix, MAGIC, 0, prefix)) {
            throw new CheckpointException(Reason.WRONG_MAGIC, where + ": not a Chainrule checkpoint (it does not"
                    + " start with the magic number \"CHRLCKPT\")");
        }
        if (length < HEADER + CHECKSUM) {
            throw new CheckpointException(Reason.TRUNCATED, where + ": truncated: " + length
                    + " bytes, shorter than the " + (HEADER + CHECKSUM) + "-byte header and checksum");
        }
        ByteBuffer in = ByteBuffer.wrap(head);
        in.position(MAGIC.length);
        int version = in.getInt();
        if (version != VERSION && version != VERSION_PARAMETERS_ONLY) {
            throw new CheckpointException(Reason.UNSUPPORTED_VERSION, where + ": format version " + version
                    + ", but this Chainrule reads versions " + VERSION_PARAMETERS_ONLY + " to " + VERSION);
        }
        long payload = in.getLong();
        // compared before adding, so that a huge length cannot overflow into a small one
        if (payload < Integer.BYTES || payload > Integer.MAX_VALUE - HEADER - CHECKSUM) {
            throw new CheckpointException(Reason.CORRUPTED, where + ": corrupted: the header gives an impossible"
                    + " payload length of " + payload + " bytes");
        }
        long expected = HEADER + payload + CHECKSUM;
        if (length < expected) {
            throw new CheckpointException(Reason.TRUNCATED, where + ": truncated: the file has " + length
                    + " bytes but its header says " + expected);
        }
        if (length > expected) {
            throw new CheckpointException(Reason.CORRUPTED, where + ": corrupted: " + (length - expected)
                    + " unexpected bytes after the checksum");
        }
    }

    private static byte[] encode(CheckpointContents contents) {
        List<byte[]> texts = new ArrayList<>();
        long payload = 3L * Integer.BYTES + tensorsLength(contents.parameters(), texts)
                + tensorsLength(contents.state(), texts);
        for (Map.Entry<String, String> e : contents.metadata().entrySet()) {
            byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = e.getValue().getBytes(StandardCharsets.UTF_8);
            texts.add(key);
            texts.add(value);
            payload += 2L * Integer.BYTES + key.length + value.length;
        }
        long total = HEADER + payload + CHECKSUM;
        if (total > Integer.MAX_VALUE - 8) {
            throw new CheckpointException(Reason.IO_ERROR, "checkpoint: " + total + " bytes is more than one file of"
                    + " this format can hold (2 GB)");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total);
        out.put(MAGIC).putInt(VERSION).putLong(payload);
        java.util.Iterator<byte[]> text = texts.iterator();
        putTensors(out, contents.parameters(), text);
        putTensors(out, contents.state(), text);
        out.putInt(contents.metadata().size());
        while (text.hasNext()) {
            byte[] bytes = text.next();
            out.putInt(bytes.length).put(bytes);
        }
        out.putInt(crc(out.array(), out.position()));
        return out.array();
    }

    /** The bytes the tensors take, their count included; adds their encoded names to {@code names}. */
    private static long tensorsLength(Map<String, Tensor> tensors, List<byte[]> names) {
        long length = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            names.add(name);
            length += Integer.BYTES + name.length + 2L * Integer.BYTES + (long) Double.BYTES * e.getValue().size();
        }
        return length;
    }

    private static void putTensors(ByteBuffer out, Map<String, Tensor> tensors, java.util.Iterator<byte[]> names) {
        out.putInt(tensors.size());
        for (Tensor tensor : tensors.values()) {
            byte[] name = names.next();
            DMatrixRMaj value = tensor.matrixView();
            out.putInt(name.length).put(name).putInt(value.numRows).putInt(value.numCols);
            for (int k = 0; k < value.getNumElements(); k++) {
                out.putLong(Double.doubleToRawLongBits(value.data[k]));
            }
        }
    }

    private static CheckpointContents decode(byte[] bytes, Path path) {
        String where = "checkpoint " + path;
        checkHeader(bytes, bytes.length, where);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        in.position(MAGIC.length);
        int version = in.getInt();
        in.getLong();
        int stored = ByteBuffer.wrap(bytes, bytes.length - CHECKSUM, CHECKSUM).getInt();
        int actual = crc(bytes, bytes.length - CHECKSUM);
        if (stored != actual) {
            throw new CheckpointException(Reason.CORRUPTED, where + ": corrupted: CRC32 of the contents is "
                    + Integer.toHexString(actual) + " but the file records " + Integer.toHexString(stored));
        }
        in.limit(bytes.length - CHECKSUM);
        try {
            Map<String, Tensor> parameters = tensors(in, where, "parameter");
            if (version == VERSION_PARAMETERS_ONLY) {
                finished(in, where);
                return CheckpointContents.ofParameters(parameters);
            }
            Map<String, Tensor> state = tensors(in, where, "state tensor");
            Map<String, String> metadata = metadata(in, where);
            finished(in, where);
            return new CheckpointContents(parameters, state, metadata);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new CheckpointException(Reason.CORRUPTED, where + ": corrupted: the parameter records do not fit"
                    + " the payload", e);
        }
    }

    /** Reads a section of tensors: the count, then each one's name, shape and values. */
    private static Map<String, Tensor> tensors(ByteBuffer in, String where, String what) {
        int count = in.getInt();
        if (count < 0) {
            throw corrupted(where, "negative " + what + " count " + count);
        }
        Map<String, Tensor> values = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            int nameLength = in.getInt();
            if (nameLength < 1 || nameLength > in.remaining()) {
                throw corrupted(where, what + " " + i + " has a name length of " + nameLength);
            }
            byte[] name = new byte[nameLength];
            in.get(name);
            String key = new String(name, StandardCharsets.UTF_8);
            int rows = in.getInt();
            int cols = in.getInt();
            if (rows < 1 || cols < 1 || (long) rows * cols * Double.BYTES > in.remaining()) {
                throw corrupted(where, what + " " + Quote.of(key) + " claims shape " + rows + "x" + cols);
            }
            DMatrixRMaj value = new DMatrixRMaj(rows, cols);
            for (int k = 0; k < value.getNumElements(); k++) {
                value.data[k] = Double.longBitsToDouble(in.getLong());
            }
            if (values.put(key, Tensor.adopt(value)) != null) {
                throw corrupted(where, what + " " + Quote.of(key) + " appears twice");
            }
        }
        return Collections.unmodifiableMap(values);
    }

    /** Reads the metadata section: the count, then each key and value. */
    private static Map<String, String> metadata(ByteBuffer in, String where) {
        int count = in.getInt();
        if (count < 0) {
            throw corrupted(where, "negative metadata count " + count);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String key = text(in, where, "metadata key " + i, 1);
            if (values.put(key, text(in, where, "metadata value of " + Quote.of(key), 0)) != null) {
                throw corrupted(where, "metadata key " + Quote.of(key) + " appears twice");
            }
        }
        return values;
    }

    private static String text(ByteBuffer in, String where, String what, int minimum) {
        int length = in.getInt();
        if (length < minimum || length > in.remaining()) {
            throw corrupted(where, what + " has a length of " + length);
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void finished(ByteBuffer in, String where) {
        if (in.hasRemaining()) {
            throw corrupted(where, in.remaining() + " bytes left over after the last entry");
        }
    }

    private static CheckpointException corrupted(String where, String detail) {
        return new CheckpointException(Reason.CORRUPTED, where + ": corrupted: " + detail);
    }

    private static int crc(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    private static void writeAtomically(byte[] bytes, Path path) {
        try {
            AtomicWrite.write(path, out -> out.write(bytes));
        } catch (IOException e) {
            throw new CheckpointException(Reason.IO_ERROR, "checkpoint " + path + ": cannot write: " + e
                    + ". Any previous file there is unchanged", e);
        }
    }
}
