package org.chainrule.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.chainrule.core.ChainruleException;

/**
 * A valid file to mutate: its bytes and the name that failure messages use for it
 * ({@code "v2 with optimizer state.ckpt"}). Immutable: the bytes are copied in and out.
 *
 * @param name what to call the file in a {@link Mutation}'s description.
 * @param bytes the file's contents, at least one byte.
 */
public record SampleFile(String name, byte[] bytes) {
    /**
     * Copies the bytes.
     *
     * @throws ChainruleException if an argument is null, the name is blank or the file is empty.
     */
    public SampleFile {
        ChainruleException.requireNonNull(name, "sample file: name");
        ChainruleException.requireNonNull(bytes, "sample file: bytes");
        if (name.isBlank() || bytes.length == 0) {
            throw new ChainruleException("sample file '" + name + "': needs a name and at least one byte, has "
                    + bytes.length);
        }
        bytes = bytes.clone();
    }

    /**
     * A file on disk, named by its file name.
     *
     * @param path the file. Not modified.
     * @return its contents.
     * @throws UncheckedIOException if it cannot be read.
     * @throws ChainruleException if it is empty.
     */
    public static SampleFile of(Path path) {
        try {
            return new SampleFile(String.valueOf(path.getFileName()), Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The contents.
     *
     * @return a copy of the bytes.
     */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The length without copying. */
    int length() {
        return bytes.length;
    }

    /** A byte without copying. */
    byte at(int index) {
        return bytes[index];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SampleFile s && name.equals(s.name) && Arrays.equals(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return name + " (" + bytes.length + " bytes)";
    }
}
