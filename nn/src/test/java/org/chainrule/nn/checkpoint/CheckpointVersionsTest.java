package org.chainrule.nn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Version 2 holds state and metadata beside the parameters; version 1 files, written before it, still load. */
class CheckpointVersionsTest {
    @TempDir
    Path dir;

    @Test
    void aVersionOneFileStillLoads() throws IOException {
        Path file = dir.resolve("old.ckpt");
        Files.write(file, VersionOneFile.of(Map.of("w", Tensor.row(1.5, -0.0, 3))));
        Parameter w = new Parameter("w", Tensor.zeros(1, 3));
        Checkpoint.load(List.of(w), file);
        assertEquals(Tensor.row(1.5, -0.0, 3), w.value());
        CheckpointContents contents = Checkpoint.readContents(file);
        assertTrue(contents.state().isEmpty() && contents.metadata().isEmpty());
    }

    @Test
    void stateAndMetadataRoundTripInOrder() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("optimizer/m/w", Tensor.row(Double.MIN_VALUE, -1e300));
        state.put("input.mean", Tensor.row(4));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("task", "regression");
        metadata.put("features", "größe,alter");
        metadata.put("empty", "");
        CheckpointContents written = new CheckpointContents(Map.of("w", Tensor.row(1, 2)), state, metadata);
        Path file = dir.resolve("new.ckpt");
        Checkpoint.write(written, file);
        CheckpointContents read = Checkpoint.readContents(file);
        assertEquals(written, read);
        assertEquals(List.copyOf(state.keySet()), List.copyOf(read.state().keySet()));
        assertEquals(List.copyOf(metadata.keySet()), List.copyOf(read.metadata().keySet()));
    }

    /** Names come from the file: a damaged one is echoed escaped, on one line (it used to break the message). */
    @Test
    void aNameFromTheFileIsEchoedOnOneLine() throws IOException {
        Path file = dir.resolve("odd.ckpt");
        Files.write(file, VersionOneFile.of(Map.of("w\nat org.example.Fake", Tensor.row(1))));
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> Checkpoint.load(List.of(new Parameter("w", Tensor.zeros(1, 1))), file));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().contains("extra parameter 'w\\nat org.example.Fake'"), e.getMessage());
    }
}
