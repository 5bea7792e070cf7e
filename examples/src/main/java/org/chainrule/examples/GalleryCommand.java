package org.chainrule.examples;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.chainrule.core.Tensor;
import org.chainrule.examples.gallery.Gallery;
import org.chainrule.examples.gallery.GalleryNetwork;
import org.chainrule.graph.Graph;
import org.chainrule.graph.Parameter;
import org.chainrule.graph.check.GradientCheck;
import org.chainrule.graph.check.GradientCheckResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule gallery}: networks written as graphs ({@link Gallery}). {@code --list}
 * names them; {@code gallery NAME} prints the network's graph size, gradient-checks its loss
 * with respect to every parameter with the public checker, trains it for a fixed, seeded
 * number of steps and prints what it learned. Exit status 0 only when the check passes and the
 * network met its task's criterion, 1 otherwise.
 */
@Command(name = "gallery",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Networks written as graphs: list them, or gradient-check one as a whole, train it briefly"
                + " (seeded, deterministic) on its synthetic task and print what it learned.",
            "Exit status 0 when the gradient check passes and the network met its task's criterion, 1 otherwise."})
public final class GalleryCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--list", description = "List the networks and their tasks.")
    private boolean list;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "The network to check and train.")
    private String name;

    /**
     * Lists the networks, or checks and trains one.
     *
     * @return 0 on success, 1 if the check failed or the network did not learn its task.
     */
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<GalleryNetwork> networks = Gallery.networks();
        if (list || name == null) {
            if (name != null) {
                throw new ParameterException(spec.commandLine(), "give either --list or a NAME, not both");
            }
            for (GalleryNetwork n : networks) {
                out.printf(Locale.ROOT, "%-18s %s%n", n.name(), n.description());
            }
            return 0;
        }
        GalleryNetwork network = networks.stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new ParameterException(spec.commandLine(), "unknown network '" + name + "': known are "
                        + networks.stream().map(GalleryNetwork::name).collect(Collectors.joining(", "))));
        out.println(network.name() + ": " + network.description());
        Graph graph = new Graph();
        network.loss(graph);
        List<Parameter> parameters = network.parameters();
        int values = parameters.stream().mapToInt(p -> p.shape().size()).sum();
        out.printf(Locale.ROOT, "graph: %d nodes, %d parameters (%d values)%n", graph.size(), parameters.size(), values);
        Tensor[] at = parameters.stream().map(Parameter::value).toArray(Tensor[]::new);
        GradientCheckResult check = GradientCheck.defaults().check((g, x) -> network.loss(g, x), at);
        out.println(check.passed() ? "gradient check: passed, " + values + " derivatives against finite differences"
                : check.report());
        GalleryNetwork.TrainingReport report = network.train();
        out.printf(Locale.ROOT, "training: loss %.6g -> %.6g%n", report.lossBefore(), report.lossAfter());
        out.println("sample: " + report.sample());
        out.println((report.learned() ? "learned: " : "NOT learned: ") + report.criterion());
        out.flush();
        if (check.passed() && report.learned()) {
            return 0;
        }
        spec.commandLine().getErr().println("chainrule gallery: " + network.name()
                + (check.passed() ? " did not meet its criterion" : " failed the gradient check"));
        return Main.EXIT_FAILURE;
    }
}
