package org.chainrule.nn.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.chainrule.core.ChainruleException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.Module;

/**
 * Stops training when a metric on the validation part has not improved for {@code patience}
 * epochs in a row, and puts back the weights of the best epoch when the run ends.
 *
 * <p>It watches {@link EpochReport#validation()}, the part the trainer splits from the training
 * data ({@link TrainerBuilder#validationRatio(double)}), never the test set: choosing when to
 * stop is a choice made with data, and the test set must stay unseen for its figures to mean
 * anything. A trainer without a validation part is refused at the first epoch.
 * <pre>{@code
 * EarlyStopping stop = new EarlyStopping(net, Metric.LOSS, 10);
 * Trainer.builder(net, loss, optimizer).epochs(500).validationRatio(0.2).listener(stop).build().fit(train, test);
 * // net now has the weights of stop.bestEpoch()
 * }</pre>
 */
public final class EarlyStopping implements StatefulListener {
    private final Module model;
    private final Metric metric;
    private final int patience;
    private double best = Double.NaN;
    private int bestEpoch;
    private int sinceBest;
    private List<Tensor> bestWeights;

    /**
     * Early stopping on a validation metric.
     *
     * @param model the model being trained, whose best weights are kept and restored.
     * @param metric the validation figure to watch; it must apply to the task (accuracy for
     *     classifiers, RMSE or R^2 for regression, the loss for both).
     * @param patience how many epochs in a row without improvement end the run, at least 1.
     * @throws ChainruleException if {@code patience} is less than 1 or an argument is null.
     */
    public EarlyStopping(Module model, Metric metric, int patience) {
        this.model = ChainruleException.requireNonNull(model, "early stopping: model");
        this.metric = ChainruleException.requireNonNull(metric, "early stopping: metric");
        if (patience < 1) {
            throw new ChainruleException("early stopping: patience must be at least 1 epoch, got " + patience);
        }
        this.patience = patience;
    }

    /** Compares the epoch's validation value with the best so far, keeping the weights if it is better. */
    @Override
    public void epochFinished(EpochReport report) {
        ChainruleException.requireNonNull(report, "early stopping: report");
        if (!report.validation().measured()) {
            throw new ChainruleException("early stopping watches the validation part, but the trainer has none:"
                    + " set TrainerBuilder.validationRatio(...) (the test set is never used to choose when to stop)");
        }
        double value = metric.of(report.validation());
        if (Double.isNaN(value)) {
            throw new ChainruleException("early stopping: the validation " + metric + " was not measured: it does not"
                    + " apply to this task (accuracy is for classifiers, RMSE and R_SQUARED for regression)");
        }
        if (metric.improves(value, best)) {
            best = value;
            bestEpoch = report.epoch();
            sinceBest = 0;
            bestWeights = new ArrayList<>();
            for (Parameter p : model.parameters()) {
                bestWeights.add(p.value());
            }
        } else {
            sinceBest++;
        }
    }

    /**
     * True once {@code patience} epochs in a row have not improved on the best.
     *
     * @return whether to stop.
     */
    @Override
    public boolean stopRequested() {
        return sinceBest >= patience;
    }

    /** Puts back the best epoch's weights. */
    @Override
    public void trainingFinished(TrainingHistory history) {
        if (bestWeights != null) {
            List<Parameter> parameters = model.parameters();
            for (int i = 0; i < parameters.size(); i++) {
                parameters.get(i).setValue(bestWeights.get(i));
            }
        }
    }

    /**
     * The epoch with the best validation value so far.
     *
     * @return the epoch, from 1, or 0 before the first.
     */
    public int bestEpoch() {
        return bestEpoch;
    }

    /**
     * The best validation value so far.
     *
     * @return the value, or NaN before the first epoch.
     */
    public double bestValue() {
        return best;
    }

    @Override
    public String stateName() {
        return "early-stopping";
    }

    @Override
    public void saveState(Map<String, String> metadata, Map<String, Tensor> tensors) {
        ChainruleException.requireNonNull(metadata, "early stopping: metadata");
        ChainruleException.requireNonNull(tensors, "early stopping: tensors");
        metadata.put("metric", metric.name());
        metadata.put("best", Long.toHexString(Double.doubleToRawLongBits(best)));
        metadata.put("best-epoch", Integer.toString(bestEpoch));
        metadata.put("since-best", Integer.toString(sinceBest));
        if (bestWeights != null) {
            List<Parameter> parameters = model.parameters();
            for (int i = 0; i < parameters.size(); i++) {
                tensors.put("best/" + parameters.get(i).name(), bestWeights.get(i));
            }
        }
    }

    @Override
    public void restoreState(Map<String, String> metadata, Map<String, Tensor> tensors) {
        ChainruleException.requireNonNull(metadata, "early stopping: metadata");
        ChainruleException.requireNonNull(tensors, "early stopping: tensors");
        if (!metric.name().equals(metadata.get("metric"))) {
            throw new ChainruleException("early stopping: the checkpoint watched " + metadata.get("metric")
                    + ", this run watches " + metric);
        }
        try {
            best = Double.longBitsToDouble(Long.parseUnsignedLong(metadata.get("best"), 16));
            bestEpoch = Integer.parseInt(metadata.get("best-epoch"));
            sinceBest = Integer.parseInt(metadata.get("since-best"));
        } catch (NumberFormatException | NullPointerException e) {
            throw new ChainruleException("early stopping: malformed state in the checkpoint: " + metadata, e);
        }
        bestWeights = null;
        if (bestEpoch > 0) {
            bestWeights = new ArrayList<>();
            for (Parameter p : model.parameters()) {
                Tensor saved = tensors.get("best/" + p.name());
                if (saved == null || !saved.shape().equals(p.shape())) {
                    throw new ChainruleException("early stopping: the checkpoint's best weights lack '" + p.name()
                            + "' " + p.shape());
                }
                bestWeights.add(saved);
            }
        }
    }
}
