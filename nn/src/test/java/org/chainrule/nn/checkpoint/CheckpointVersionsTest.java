package org.chainrule.nn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Version 2 holds state and metadata beside the parameters; version 1 files, written before it, still load. */
class CheckpointVersionsTest {
    @TempDir
    Path dir;

    /** A version 1 file built byte by byte from its documented layout: parameters only. */
    private static byte[] versionOne(String name, double... values) {
        byte[] key = name.getBytes(StandardCharsets.UTF_8);
        int payload = 4 + 4 + key.length + 8 + 8 * values.length;
        ByteBuffer out = ByteBuffer.allocate(8 + 4 + 8 + payload + 4);
        out.put("CHRLCKPT".getBytes(StandardCharsets.US_ASCII)).putInt(1).putLong(payload);
        out.putInt(1).putInt(key.length).put(key).putInt(1).putInt(values.length);
        for (double v : values) {
            out.putDouble(v);
        }
        CRC32 crc = new CRC32();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        return out.array();
    }

    @Test
    void aVersionOneFileStillLoads() throws IOException {
        Path file = dir.resolve("old.ckpt");
        Files.write(file, versionOne("w", 1.5, -0.0, 3));
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
}
