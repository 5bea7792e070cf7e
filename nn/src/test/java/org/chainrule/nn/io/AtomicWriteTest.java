package org.chainrule.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a save leaves on disk: the new bytes, the old permissions, links kept, no temporary files. */
class AtomicWriteTest {
    @TempDir
    Path dir;

    private static void write(Path path, String text) throws IOException {
        AtomicWrite.write(path, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    private List<String> files() throws IOException {
        try (Stream<Path> all = Files.list(dir)) {
            return all.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void aFileWrittenOverKeepsItsPermissions() throws IOException {
        Path file = dir.resolve("model.ckpt");
        write(file, "first");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        write(file, "second");
        assertEquals("second", Files.readString(file));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(List.of("model.ckpt"), files());
    }

    @Test
    void aSymbolicLinkIsWrittenThroughAndStays() throws IOException {
        Path real = dir.resolve("weights-v1.ckpt");
        write(real, "old");
        Path link = Files.createSymbolicLink(dir.resolve("model.ckpt"), real.getFileName());
        write(link, "new");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(real));
    }

    @Test
    void aCrashedWritersTemporaryFileIsRemovedAndARunningWritersIsNot() throws IOException {
        Path file = dir.resolve("model.ckpt");
        // no process has this id (Linux ids stay below 2^22), so its writer is gone
        Path stale = Files.writeString(dir.resolve("model.ckpt.9223372036854775807.abc.tmp"), "half");
        Path running = Files.writeString(dir.resolve("model.ckpt." + ProcessHandle.current().pid() + ".xyz.tmp"), "busy");
        Path other = Files.writeString(dir.resolve("other.ckpt.9223372036854775807.abc.tmp"), "not ours");
        write(file, "saved");
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(running));
        assertTrue(Files.exists(other));
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("model.ckpt");
        write(file, "old");
        IOException failure = assertThrows(IOException.class, () -> AtomicWrite.write(file, out -> {
            out.write(new byte[] {1, 2, 3});
            throw new IOException("disk full");
        }));
        assertEquals("disk full", failure.getMessage());
        assertArrayEquals("old".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file));
        assertEquals(List.of("model.ckpt"), files());
    }

    @Test
    void aDirectoryIsRefusedAndNothingIsWritten() throws IOException {
        IOException root = assertThrows(IOException.class, () -> write(Path.of("/"), "x"));
        assertEquals("/ is a directory, not a file", root.getMessage());
        IOException here = assertThrows(IOException.class, () -> write(dir, "x"));
        assertTrue(here.getMessage().endsWith("is a directory, not a file"), here.getMessage());
        assertEquals(List.of(), files());
    }
}
