package org.chainrule.nn.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes a file through a temporary file in the same directory that is forced to disk and
 * renamed over the target only once complete, so a failed or interrupted save leaves any
 * earlier file as it was. The file gets the permissions any new file gets (the user's umask),
 * as {@code numpy.save} and {@code torch.save} give theirs. Every writer of model files
 * (checkpoints, safetensors, {@code .npy}, {@code .npz}) goes through it.
 */
public final class AtomicWrite {
    /** Writes the file's bytes to a stream. */
    @FunctionalInterface
    public interface Body {
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
     * Writes {@code path} atomically where the file system can (a plain replacing rename where
     * it cannot). On failure the temporary file is removed.
     *
     * @param path the file to write (replaced if it exists).
     * @param body what to write.
     * @throws IOException if writing or renaming fails; a file already at {@code path} is then
     *     unchanged. A failure to remove the temporary file is attached as suppressed.
     */
    public static void write(Path path, Body body) throws IOException {
        Path target = path.toAbsolutePath();
        // not Files.createTempFile: its owner-only permissions would stay on the saved file
        Path temporary = target.resolveSibling(target.getFileName() + "."
                + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                body.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }
}
