package org.chainrule.nn.interop;

import java.io.EOFException;
import java.io.IOException;
import java.io.FilterOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.nn.Module;
import org.chainrule.nn.interop.InteropException.Reason;

/**
 * Saves and loads a model's parameters as a NumPy {@code .npz} file: a zip archive with one
 * {@link Npy .npy} entry per array, named {@code <name>.npy}, as {@code numpy.savez} writes
 * and {@code numpy.load} reads ({@code np.load(path)["0.weight"]}).
 *
 * <p><b>Writing</b> stores the entries uncompressed, as {@code numpy.savez} does, in the
 * {@link WeightLayout}'s order, each a version 1.0 {@code '<f8'} array of the layout's shape,
 * with a fixed timestamp so that the same weights give the same bytes.
 *
 * <p><b>Reading</b> takes stored and deflated entries ({@code numpy.savez_compressed}) and
 * every {@code .npy} that {@link Npy} reads. It first reads each entry's header and checks
 * it against the entry's size in the zip directory, the layout and the free memory, and
 * only then reads the data; an entry not named {@code *.npy}, a name that appears twice, a
 * damaged archive, and an entry with more or fewer bytes than its header promises are
 * refused with an {@link InteropException}. A refused load changes no parameter.
 */
public final class Npz {
    private static final String SUFFIX = ".npy";
    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private Npz() {
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
        save(WeightLayout.chainrule(model), path);
    }

    /**
     * Saves parameters under a layout's names and shapes, one {@code <name>.npy} entry each.
     *
     * @param layout the names and parameters. Not modified.
     * @param path the file to write (replaced if it exists).
     * @throws InteropException if writing fails.
     * @throws ChainruleException if an argument is null.
     */
    public static void save(WeightLayout layout, Path path) {
        ChainruleException.requireNonNull(layout, "npz: layout");
        ChainruleException.requireNonNull(path, "npz: path");
        Saving.atomically(path, "npz file", out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (WeightLayout.Slot slot : layout.slots()) {
                double[] values = slot.fileValues();
                int count = slot.parameter().shape().size();
                // a stored entry needs its size and CRC up front: a first pass computes them
                // without holding the bytes, the second writes them
                CRC32 crc = new CRC32();
                long size;
                try (CheckedOutputStream probe = new CheckedOutputStream(OutputStream.nullOutputStream(), crc)) {
                    CountingStream counted = new CountingStream(probe);
                    Npy.write(slot.fileShape(), values, count, counted);
                    size = counted.count;
                }
                ZipEntry entry = new ZipEntry(slot.name() + SUFFIX);
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(size);
                entry.setCompressedSize(size);
                entry.setCrc(crc.getValue());
                entry.setTimeLocal(FIXED_TIME);
                zip.putNextEntry(entry);
                Npy.write(slot.fileShape(), values, count, zip);
                zip.closeEntry();
            }
            zip.finish();
        });
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
     * Loads a file under a layout's names and shapes, for example arrays saved from a
     * PyTorch {@code state_dict} with {@link WeightLayout#pytorch(org.chainrule.nn.Layer)}.
     *
     * @param layout the names and parameters. The parameters are modified only if the whole
     *     file is valid and matches the layout.
     * @param path the file.
     * @throws InteropException if the file is unreadable or refused (see the class doc); no
     *     parameter is then changed.
     * @throws ChainruleException if an argument is null.
     */
    public static void load(WeightLayout layout, Path path) {
        ChainruleException.requireNonNull(layout, "npz: layout");
        layout.assign(read(path, layout), where(path));
    }

    /**
     * Reads every array of a file, without a model, for inspection: a vector {@code (n,)}
     * reads as a {@code 1xn} row, a scalar {@code ()} as {@code 1x1}.
     *
     * @param path the file.
     * @return the tensors by name ({@code .npy} dropped), in archive order; unmodifiable.
     * @throws InteropException if the file is unreadable or refused (see the class doc).
     * @throws ChainruleException if {@code path} is null.
     */
    public static Map<String, Tensor> read(Path path) {
        return read(path, null);
    }

    private static String where(Path path) {
        return "npz file " + path;
    }

    /** Reads the arrays, checked against {@code layout} first unless it is null. */
    private static Map<String, Tensor> read(Path path, WeightLayout layout) {
        ChainruleException.requireNonNull(path, "npz: path");
        String where = where(path);
        try (ZipFile zip = new ZipFile(path.toFile())) {
            Map<String, ZipEntry> entries = entries(zip, where);
            Map<String, ArrayHeader> headers = new LinkedHashMap<>();
            for (Map.Entry<String, ZipEntry> e : entries.entrySet()) {
                try (InputStream in = zip.getInputStream(e.getValue())) {
                    headers.put(e.getKey(), Npy.readHeader(Channels.newChannel(in), e.getValue().getSize(), e.getKey(),
                            entryWhere(where, e.getValue())));
                }
            }
            ArrayHeader.checkBeforeReading(headers, layout, where);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Map.Entry<String, ZipEntry> e : entries.entrySet()) {
                tensors.put(e.getKey(), data(zip, e.getValue(), e.getKey(), entryWhere(where, e.getValue())));
            }
            return Collections.unmodifiableMap(tensors);
        } catch (ZipException e) {
            throw new InteropException(Reason.MALFORMED, where + ": not a readable zip archive: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InteropException(Reason.IO_ERROR, where + ": cannot read: " + e, e);
        }
    }

    /** The archive's entries by array name, refusing directories, other files and repeated names. */
    private static Map<String, ZipEntry> entries(ZipFile zip, String where) {
        Map<String, ZipEntry> entries = new LinkedHashMap<>();
        Enumeration<? extends ZipEntry> all = zip.entries();
        while (all.hasMoreElements()) {
            ZipEntry entry = all.nextElement();
            String file = entry.getName();
            if (entry.isDirectory() || !file.endsWith(SUFFIX) || file.length() == SUFFIX.length()) {
                throw new InteropException(Reason.MALFORMED, where + ": entry '" + file + "' is not an array:"
                        + " an .npz holds only <name>.npy entries");
            }
            if (entry.getSize() < 0) {
                throw new InteropException(Reason.MALFORMED, where + ": entry '" + file + "' has no size in the"
                        + " zip directory");
            }
            if (entries.put(file.substring(0, file.length() - SUFFIX.length()), entry) != null) {
                throw new InteropException(Reason.MALFORMED, where + ": entry '" + file + "' appears twice");
            }
        }
        if (entries.isEmpty()) {
            throw new InteropException(Reason.MALFORMED, where + ": the archive holds no arrays");
        }
        return entries;
    }

    /** Reads one entry's data; its header was checked, so the size is known and bounded. */
    private static Tensor data(ZipFile zip, ZipEntry entry, String name, String where) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            ReadableByteChannel channel = Channels.newChannel(in);
            ArrayHeader header = Npy.readHeader(channel, entry.getSize(), name, where);
            double[] values = header.dtype().read(channel, (int) header.elements());
            if (in.read() >= 0) {
                throw new InteropException(Reason.MALFORMED, where + ": more bytes than the zip directory's "
                        + entry.getSize() + " follow the data");
            }
            return header.toTensor(values, where);
        } catch (EOFException e) {
            throw new InteropException(Reason.MALFORMED, where + ": truncated: " + e.getMessage(), e);
        }
    }

    private static String entryWhere(String where, ZipEntry entry) {
        return where + ", entry '" + entry.getName() + "'";
    }

    /** Counts the bytes written through it. */
    private static final class CountingStream extends FilterOutputStream {
        private long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
