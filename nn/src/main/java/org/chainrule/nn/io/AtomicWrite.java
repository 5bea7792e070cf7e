package org.chainrule.nn.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Set;

/**
 * Writes a file through a temporary file in the same directory that is forced to disk and
 * renamed over the target only once complete, so a failed or interrupted save leaves any
 * earlier file as it was. Every writer of model files (checkpoints, safetensors, {@code .npy},
 * {@code .npz}) goes through it.
 *
 * <ul>
 *   <li>A new file gets the permissions any new file gets (the user's umask), as
 *       {@code numpy.save} and {@code torch.save} give theirs; a file written over keeps its
 *       permissions.</li>
 *   <li>A symbolic link at the target is written through: the file it points to is replaced,
 *       and the link stays.</li>
 *   <li>The temporary file is {@code NAME.PID.RANDOM.tmp}, removed on failure. A writer killed
 *       mid-save (say by {@code kill -9}) leaves its temporary file behind; the next save of
 *       the same file removes those whose process no longer runs, and never one of a writer
 *       still running.</li>
 * </ul>
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
        if (Files.isSymbolicLink(target)) {
            target = target.toRealPath(); // write through the link; the link itself stays
        }
        if (target.getFileName() == null || Files.isDirectory(target)) {
            throw new IOException(path + " is a directory, not a file");
        }
        Set<PosixFilePermission> permissions = existingPermissions(target);
        removeStaleTemporaries(target);
        // not Files.createTempFile: its owner-only permissions would stay on the saved file
        Path temporary = target.resolveSibling(target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                body.writeTo(out);
                out.flush();
                channel.force(true);
            }
            if (permissions != null) {
                Files.setPosixFilePermissions(temporary, permissions);
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

    /** The permissions of a file about to be written over, or null for a new file (or no POSIX). */
    private static Set<PosixFilePermission> existingPermissions(Path target) throws IOException {
        if (!Files.exists(target)) {
            return null;
        }
        try {
            return Files.getPosixFilePermissions(target);
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    /**
     * Removes {@code NAME.PID.RANDOM.tmp} files beside the target whose writing process is no
     * longer running (a crashed save); a running writer's file is left alone.
     */
    private static void removeStaleTemporaries(Path target) throws IOException {
        String prefix = target.getFileName() + ".";
        Path directory = target.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(directory, glob(prefix) + "*.tmp")) {
            for (Path sibling : siblings) {
                String middle = sibling.getFileName().toString();
                middle = middle.substring(prefix.length(), middle.length() - ".tmp".length());
                int dot = middle.indexOf('.');
                if (dot <= 0 || middle.indexOf('.', dot + 1) >= 0) {
                    continue; // not one of ours
                }
                long pid;
                try {
                    pid = Long.parseLong(middle.substring(0, dot));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue; // a writer still at work
                }
                Files.deleteIfExists(sibling);
            }
        }
    }

    /** {@code name} as a literal glob pattern. */
    private static String glob(String name) {
        StringBuilder quoted = new StringBuilder();
        for (char c : name.toCharArray()) {
            if ("*?[]{}\\".indexOf(c) >= 0) {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.toString();
    }
}
