import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.chainrule.graph.Parameter;
import org.chainrule.nn.Activation;
import org.chainrule.nn.Mlp;
import org.chainrule.nn.Sequential;
import org.chainrule.nn.data.Dataset;
import org.chainrule.nn.data.Playground;
import org.chainrule.nn.loss.Losses;
import org.chainrule.nn.optim.Adam;
import org.chainrule.nn.optim.LearningRateSchedule;
import org.chainrule.nn.optim.WeightDecay;
import org.chainrule.nn.train.EarlyStopping;
import org.chainrule.nn.train.EpochReport;
import org.chainrule.nn.train.Evaluation;
import org.chainrule.nn.train.Metric;
import org.chainrule.nn.train.Trainer;
import org.chainrule.nn.train.TrainingHistory;

/**
 * Writes the Trainer fixture with the Chainrule 0.2.0 library (run by make.sh against the
 * 0.2.0 jars): a checkpoint after 3 of 6 epochs, the checkpoint after resuming it to epoch 6,
 * and the resumed epochs' figures as raw bits. TrainerFixtureTest builds the same trainer
 * with today's code and must reproduce both bit for bit. Every feature whose state a
 * checkpoint carries is on: Adam with decoupled weight decay, a step schedule, clipping that
 * bites, a validation part, early stopping's state, and a frozen parameter.
 */
public final class TrainerFixture {
    public static void main(String[] args) throws IOException {
        if (args[0].equals("csv")) {
            writeCsvFiles(Path.of(args[1]));
            return;
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Dataset.Split data = Playground.generate(Playground.Kind.SPIRAL, 120, 0.1, 5).split(0.75, 6);
        Path first = dir.resolve("trainer-epoch3.ckpt");
        builder(data, 3).checkpointTo(first).build().fit(data.train(), data.test());
        Path resumed = dir.resolve("trainer-resumed.ckpt");
        Files.copy(first, resumed, StandardCopyOption.REPLACE_EXISTING);
        TrainingHistory rest = builder(data, 6).resumeFrom(resumed).checkpointTo(resumed).build()
                .fit(data.train(), data.test());
        List<String> lines = new ArrayList<>();
        for (EpochReport r : rest.epochs()) {
            lines.add(r.epoch() + " " + bits(r.train()) + " " + bits(r.validation()) + " " + bits(r.test()));
        }
        Files.write(dir.resolve("trainer-resumed-history.txt"), lines);
    }

    /** The run, the same in the first part and in the resumed one but for the epochs. */
    static Trainer.Builder builder(Dataset.Split data, int epochs) {
        Sequential model = Mlp.builder(2).hidden(8, Activation.TANH).hidden(6, Activation.RELU)
                .output(1, Activation.IDENTITY).seed(7).build();
        List<Parameter> parameters = model.parameters();
        Parameter frozen = parameters.get(1);
        List<Parameter> trained = new ArrayList<>(parameters);
        trained.remove(frozen);
        Adam adam = new Adam(trained, 0.02);
        adam.setWeightDecay(WeightDecay.decoupled(0.01));
        return Trainer.builder(model, Losses.SIGMOID_CROSS_ENTROPY, adam).epochs(epochs).batchSize(16).seed(9)
                .freeze(frozen).clipGradientNorm(0.2).schedule(LearningRateSchedule.step(7, 0.5))
                .validationRatio(0.2).listener(new EarlyStopping(model, Metric.LOSS, 20));
    }

    /**
     * The command-line fixture's data: houses.csv, a regression of price on three features
     * with an id column to ignore, and points.csv, points with the playground's columns.
     */
    static void writeCsvFiles(Path dir) throws IOException {
        Files.createDirectories(dir);
        java.util.Random random = new java.util.Random(20261208L);
        List<String> houses = new ArrayList<>(List.of("id,rooms,area,age,price"));
        for (int i = 0; i < 64; i++) {
            int rooms = 1 + random.nextInt(6);
            double area = 30 + 170 * random.nextDouble();
            double age = 80 * random.nextDouble();
            double price = 40 + 2.5 * area + 15 * rooms - 0.8 * age + 20 * random.nextGaussian();
            houses.add(String.format(Locale.ROOT, "h%d,%d,%.2f,%.1f,%.3f", i, rooms, area, age, price));
        }
        Files.write(dir.resolve("houses.csv"), houses);
        List<String> points = new ArrayList<>(List.of("x1,x2"));
        for (int i = 0; i < 12; i++) {
            points.add(String.format(Locale.ROOT, "%.3f,%.3f", 10 * random.nextDouble() - 5,
                    10 * random.nextDouble() - 5));
        }
        Files.write(dir.resolve("points.csv"), points);
    }

    private static String bits(Evaluation e) {
        return String.format(Locale.ROOT, "%x %x %x %x", Double.doubleToRawLongBits(e.loss()),
                Double.doubleToRawLongBits(e.accuracy()), Double.doubleToRawLongBits(e.rmse()),
                Double.doubleToRawLongBits(e.rSquared()));
    }
}
