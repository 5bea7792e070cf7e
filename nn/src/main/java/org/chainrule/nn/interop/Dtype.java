package org.chainrule.nn.interop;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;

/**
 * The element types Chainrule reads: little-endian IEEE 754 doubles, and floats widened to
 * doubles (exactly: every float is a double). Everything else is refused by its name.
 */
enum Dtype {
    /** 64-bit floats, written and read. */
    F64("F64", "<f8", Double.BYTES),
    /** 32-bit floats, read and widened. */
    F32("F32", "<f4", Float.BYTES);

    private static final int CHUNK = 1 << 16;

    private final String safetensorsName;
    private final String npyDescr;
    private final int bytes;

    Dtype(String safetensorsName, String npyDescr, int bytes) {
        this.safetensorsName = safetensorsName;
        this.npyDescr = npyDescr;
        this.bytes = bytes;
    }

    /** The name in a safetensors header, e.g. {@code F64}. */
    String safetensorsName() {
        return safetensorsName;
    }

    /** The {@code descr} in a {@code .npy} header, e.g. {@code <f8}. */
    String npyDescr() {
        return npyDescr;
    }

    /** Bytes per element. */
    int bytes() {
        return bytes;
    }

    /**
     * The type a safetensors header names, or null if Chainrule does not read it.
     *
     * @param name the header's {@code dtype}.
     * @return the type, or null.
     */
    static Dtype ofSafetensors(String name) {
        for (Dtype d : values()) {
            if (d.safetensorsName.equals(name)) {
                return d;
            }
        }
        return null;
    }

    /**
     * The type a {@code .npy} header describes, or null if Chainrule does not read it.
     *
     * @param descr the header's {@code descr}.
     * @return the type, or null.
     */
    static Dtype ofNpy(String descr) {
        for (Dtype d : values()) {
            if (d.npyDescr.equals(descr)) {
                return d;
            }
        }
        return null;
    }

    /**
     * Reads {@code count} elements, widened to doubles, through a small reused buffer so that
     * nothing but the result is allocated.
     *
     * @param in where the bytes come from. Modified (read from).
     * @param count how many elements.
     * @return the values, in the order read.
     * @throws EOFException if the bytes run out first.
     * @throws IOException if reading fails.
     */
    double[] read(ReadableByteChannel in, int count) throws IOException {
        double[] values = new double[count];
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        int done = 0;
        while (done < count) {
            int n = Math.min(count - done, CHUNK / bytes);
            buffer.clear().limit(n * bytes);
            while (buffer.hasRemaining()) {
                if (in.read(buffer) < 0) {
                    throw new EOFException("the data ends after " + done + " of " + count + " elements");
                }
            }
            buffer.flip();
            for (int i = 0; i < n; i++) {
                values[done++] = this == F64 ? buffer.getDouble() : buffer.getFloat();
            }
        }
        return values;
    }

    /**
     * Writes values as little-endian 64-bit floats, through a small reused buffer.
     *
     * @param values the values. Not modified.
     * @param count how many of them, from the first.
     * @param out where to write. Modified.
     * @throws IOException if writing fails.
     */
    static void writeF64(double[] values, int count, OutputStream out) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            if (!buffer.hasRemaining()) {
                out.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            buffer.putDouble(values[i]);
        }
        out.write(buffer.array(), 0, buffer.position());
    }
}
