package org.chainrule.nn.train;

import java.util.List;
import org.chainrule.core.ChainruleException;
import org.chainrule.graph.Node;

/**
 * What training minimises, when it is more than the task's loss of the prediction against the
 * target: a term that reads the model's inputs as well, such as a physics-informed residual
 * (built from the derivatives of the output with respect to the inputs) or a gradient penalty
 * (the squared norm of {@code d loss / d input}), added to the loss with no trainer of its own.
 * <pre>{@code
 * Task task = Task.regression(Losses.MEAN_SQUARED_ERROR)
 *         .withObjective(b -> b.loss().add(b.output().square().sum().scale(1e-3)));
 * }</pre>
 * The objective is recorded in the training step's graph; {@link StepReport#loss()} and the
 * non-finite check see its value, the optimizer its gradient. Evaluations report the task's
 * loss and metrics.
 */
@FunctionalInterface
public interface Objective {

    /**
     * Records the training objective of one batch.
     *
     * @param batch the batch's recorded nodes.
     * @return a {@code 1x1} node in the batch's graph.
     */
    Node apply(Batch batch);

    /**
     * One training batch as recorded, all nodes in one graph.
     *
     * @param inputs the model's input nodes, in the dataset's order (data: no gradient of their own
     *     unless asked for).
     * @param output the model's output, in the data's units.
     * @param prediction what the loss compares: the output, standardised if the task standardises its targets.
     * @param target the targets the loss compares with.
     * @param loss the task's loss of the prediction against the target, {@code 1x1}.
     */
    record Batch(List<Node> inputs, Node output, Node prediction, Node target, Node loss) {
        /**
         * Checks the nodes.
         *
         * @param inputs the input nodes. Not modified (copied).
         * @param output the output.
         * @param prediction the prediction.
         * @param target the targets.
         * @param loss the loss.
         * @throws ChainruleException if an argument is null.
         */
        public Batch {
            inputs = List.copyOf(ChainruleException.requireNonNull(inputs, "objective batch: inputs"));
            ChainruleException.requireNonNull(output, "objective batch: output");
            ChainruleException.requireNonNull(prediction, "objective batch: prediction");
            ChainruleException.requireNonNull(target, "objective batch: target");
            ChainruleException.requireNonNull(loss, "objective batch: loss");
        }
    }
}
