package org.chainrule.nn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chainrule.core.Tensor;
import org.chainrule.nn.optim.OptimizerState;
import org.junit.jupiter.api.Test;

/** The run's checkpoint format: what it writes, that it reads it back, and what it refuses. */
class TrainingCheckpointTest {
    private static final TrainingCheckpoint.Run RUN = new TrainingCheckpoint.Run(40, 9, 16);

    private static TrainingCheckpoint sample() {
        OptimizerState adam = new OptimizerState("Adam", 12, 0.1 + 0.2, Map.of("m/w", Tensor.row(1, 2)));
        Map<String, TrainingCheckpoint.Section> listeners = new LinkedHashMap<>();
        listeners.put("early-stopping", new TrainingCheckpoint.Section(Map.of("best", "3"),
                Map.of("w", Tensor.row(5))));
        return new TrainingCheckpoint(3, 12, -77L, RUN, adam, listeners);
    }

    @Test
    void theContentsReadBackAsTheyWereWritten() {
        CheckpointContents contents = sample().contents(Map.of("w", Tensor.row(0.5, 0.25)), Map.of("model.task",
                "regression"), Map.of("model.mean", Tensor.row(1)));
        assertEquals(List.of("model.task", "chainrule.training", "trainer.epoch", "trainer.updates", "trainer.shuffle",
                "trainer.examples", "trainer.seed", "trainer.batch", "optimizer.name", "optimizer.steps",
                "optimizer.rate", "listener/early-stopping/best"), List.copyOf(contents.metadata().keySet()));
        assertEquals(List.of("model.mean", "optimizer/m/w", "listener/early-stopping/w"),
                List.copyOf(contents.state().keySet()));
        assertTrue(TrainingCheckpoint.isIn(contents));

        TrainingCheckpoint back = TrainingCheckpoint.from(contents, "here");
        assertEquals(3, back.epoch());
        assertEquals(12, back.updates());
        assertEquals(-77L, back.shuffleState());
        assertEquals(RUN, back.run());
        assertEquals(0.1 + 0.2, back.optimizer().learningRate(), 0.0, "the rate's exact bits");
        assertEquals(sample().optimizer().buffers().keySet(), back.optimizer().buffers().keySet());
        assertEquals(Map.of("best", "3"), back.listener("early-stopping").metadata());
        assertEquals(Map.of(), back.listener("another").metadata());
    }

    @Test
    void aFileWithoutARunOrWithAMalformedNumberOrAnotherRunIsRefused() {
        CheckpointException e = assertThrows(CheckpointException.class, () -> TrainingCheckpoint.from(
                CheckpointContents.ofParameters(Map.of()), "resume from m.ckpt"));
        assertEquals(CheckpointException.Reason.MODEL_MISMATCH, e.reason());
        assertFalse(TrainingCheckpoint.isIn(CheckpointContents.ofParameters(Map.of())));

        CheckpointContents good = sample().contents(Map.of(), Map.of(), Map.of());
        Map<String, String> metadata = new LinkedHashMap<>(good.metadata());
        metadata.put("trainer.epoch", "three");
        e = assertThrows(CheckpointException.class, () -> TrainingCheckpoint.from(new CheckpointContents(
                good.parameters(), good.state(), metadata), "resume from m.ckpt"));
        assertEquals(CheckpointException.Reason.CORRUPTED, e.reason());
        assertTrue(e.getMessage().startsWith("resume from m.ckpt: a malformed number in the training state"),
                e.getMessage());

        e = assertThrows(CheckpointException.class, () -> sample().requireRun(new TrainingCheckpoint.Run(40, 9, 8),
                "resume from m.ckpt"));
        assertEquals("resume from m.ckpt: the run was checkpointed with 40 training examples, seed 9 and batches of"
                + " 16; this one has 40, seed 9 and batches of 8: resume with the same data, seeds and batch size",
                e.getMessage());
    }
}
