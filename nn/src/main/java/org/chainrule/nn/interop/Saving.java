package org.chainrule.nn.interop;

import java.io.IOException;
import java.nio.file.Path;
import org.chainrule.nn.interop.InteropException.Reason;
import org.chainrule.nn.io.AtomicWrite;

/** The interchange writers' one way to save: {@link AtomicWrite}, its failures as {@link InteropException}s. */
final class Saving {
    private Saving() {
    }

    /**
     * Writes {@code path} atomically.
     *
     * @param path the file to write (replaced if it exists).
     * @param what the format, for the message, e.g. {@code "safetensors"}.
     * @param body what to write.
     * @throws InteropException if writing fails; a file already at {@code path} is unchanged.
     */
    static void atomically(Path path, String what, AtomicWrite.Body body) {
        try {
            AtomicWrite.write(path, body);
        } catch (IOException e) {
            throw new InteropException(Reason.IO_ERROR, what + " " + path + ": cannot write: " + e
                    + ". Any earlier file there is unchanged", e);
        }
    }
}
