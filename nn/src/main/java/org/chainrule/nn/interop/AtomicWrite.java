package org.chainrule.nn.interop;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import org.chainrule.nn.interop.InteropException.Reason;

/**
 * Writes a file through a temporary file in the same directory that is renamed over the
 * target only once complete, so a failed save leaves any earlier file as it was. The file
 * gets the permissions any new file gets (the user's umask), as {@code numpy.save} and
 * {@code torch.save} give theirs.
 */
final class AtomicWrite {
    /** Writes the file's bytes to a stream. */
    @FunctionalInterface
    interface Body {
        /**
         * Writes the content.
         *
         * @param out the stream. Modified (written to); closed by the caller.
         * @throws IOException if writing fails.
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicWrite() {
    }

    /**
     * Writes {@code path} atomically where the file system can.
     *
     * @param path the file to write (replaced if it exists).
     * @param what the format, for the message, e.g. {@code "safetensors"}.
     * @param body what to write.
     * @throws InteropException if writing fails; a file already at {@code path} is unchanged.
     */
    static void write(Path path, String what, Body body) {
        Path target = path.toAbsolutePath();
        Path temporary = null;
        try {
            // not Files.createTempFile: its owner-only permissions would stay on the saved file
            temporary = target.resolveSibling(target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36)
                    + ".tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16)) {
                body.writeTo(out);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            InteropException failure = new InteropException(Reason.IO_ERROR, what + " " + path + ": cannot write: "
                    + e + ". Any earlier file there is unchanged", e);
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException cleanup) {
                    failure.addSuppressed(cleanup);
                }
            }
            throw failure;
        }
    }
}
