package org.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a run will write is checked before any work starts (exit 1, one line, no stack trace,
 * nothing trained): a long run used to be lost to a typo in {@code --out}, found only after
 * training.
 */
class OutputsCheckedFirstTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private void assertRefusedBeforeTraining(String message) {
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains(message), err.toString());
        assertFalse(err.toString().contains("\tat "), err.toString());
        assertFalse(out.toString().contains("data:") || out.toString().contains("training:"), "nothing ran: " + out);
    }

    @Test
    void anOutputDirectoryUnderAFileIsRefusedBeforeTraining() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        assertEquals(1, run("train", "--dataset", "xor", "--epochs", "1", "--out", file.resolve("pictures").toString()));
        assertRefusedBeforeTraining("--out " + file.resolve("pictures") + ": cannot create the directory");
    }

    @Test
    void aModelFileInAMissingDirectoryIsRefusedBeforeTraining() {
        Path save = dir.resolve("no-such-dir").resolve("model.ckpt");
        assertEquals(1, run("train", "--dataset", "xor", "--epochs", "1", "--out", dir.resolve("out").toString(),
                "--save", save.toString()));
        assertRefusedBeforeTraining("--save " + save + ": its directory " + save.getParent() + " does not exist;"
                + " nothing was run");
    }

    @Test
    void aModelFileThatIsADirectoryIsRefusedBeforeTraining() {
        assertEquals(1, run("train", "--dataset", "xor", "--epochs", "1", "--out", dir.resolve("out").toString(),
                "--save", dir.toString()));
        assertRefusedBeforeTraining("--save " + dir + ": is a directory, not a file; nothing was run");
    }

    @Test
    void theDemoChecksItsOutputDirectoryFirst() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertEquals(1, run("demo", "--epochs", "1", "--out", file.resolve("sub").toString()));
        assertTrue(err.toString().contains("--out " + file.resolve("sub") + ": cannot create the directory"),
                err.toString());
        assertFalse(out.toString().contains("1. Data"), out.toString());
    }

    /** {@code train --examples 2000000000}: one line before anything is allocated, not EJML's exception. */
    @Test
    void tooManyPlaygroundExamplesAreOneLine() {
        assertEquals(1, run("train", "--dataset", "xor", "--examples", "2000000000", "--epochs", "1", "--out",
                dir.resolve("out").toString()));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertEquals("chainrule train: playground: at most 1073741819 examples (two coordinates each in one array), got"
                + " 2000000000", err.toString().strip());
    }
}
