package org.chainrule.nn.train;

import java.util.List;
import org.chainrule.core.ChainruleException;

/**
 * Every epoch's readout of a training run, in order.
 *
 * @param epochs the reports, one per epoch.
 */
public record TrainingHistory(List<EpochReport> epochs) {

    /**
     * Copies the reports.
     *
     * @param epochs the reports, one per epoch. Not modified (copied).
     * @throws ChainruleException if the list or a report is null.
     */
    public TrainingHistory {
        ChainruleException.requireNonNull(epochs, "training history: the list of epochs");
        for (EpochReport report : epochs) {
            ChainruleException.requireNonNull(report, "training history: an epoch's report");
        }
        epochs = List.copyOf(epochs);
    }

    /**
     * The last epoch's readout.
     *
     * @return the report.
     * @throws ChainruleException if the run had no epochs.
     */
    public EpochReport last() {
        if (epochs.isEmpty()) {
            throw new ChainruleException("training history: no epochs were run");
        }
        return epochs.get(epochs.size() - 1);
    }
}
