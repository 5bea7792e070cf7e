package org.chainrule.examples;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Words picocli's errors about {@code train}'s data-source groups as the command always has:
 * picocli finds the error (no source, two sources, half a pair, an option of one source with
 * another, an option of a group given twice), and this names it in the user's terms, from the
 * options the line gave, such as {@code --csv needs --label COLUMN, the column of class labels}
 * instead of {@code Error: Missing required argument(s): --label=COLUMN}, and
 * {@code option '--lr' (RATE) should be specified only once} as for every command. Any other
 * error keeps picocli's words.
 */
final class TrainUsage {
    private TrainUsage() {
    }

    /**
     * The message for a usage error of {@code train}.
     *
     * @param e the error picocli raised.
     * @return the command's one-line wording of it.
     */
    static String explain(ParameterException e) {
        boolean groupError = e instanceof CommandLine.MutuallyExclusiveArgsException
                || e instanceof CommandLine.MaxValuesExceededException
                || e instanceof CommandLine.MissingParameterException missing
                && (missing.getMissing().isEmpty() // a whole group is missing: picocli names no option
                || missing.getMissing().stream().anyMatch(TrainUsage::inSource));
        if (!groupError) {
            return e.getMessage();
        }
        CommandLine.ParseResult parsed = e.getCommandLine().getParseResult(); // null when nothing was matched
        List<String> given = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (OptionSpec option : parsed == null ? List.<OptionSpec>of() : parsed.matchedOptions()) {
            if (!names.add(option.longestName()) && !option.isMultiValue()) { // picocli: "expected only one match"
                return "option '" + option.longestName() + "' (" + option.paramLabel() + ") should be specified only"
                        + " once";
            }
        }
        boolean playground = names.contains("--dataset");
        boolean csv = names.contains("--csv") || names.contains("--label");
        boolean idx = names.contains("--idx-images") || names.contains("--idx-labels");
        if (playground) {
            given.add("--dataset");
        }
        if (csv) {
            given.add("--csv/--label");
        }
        if (idx) {
            given.add("--idx-images/--idx-labels");
        }
        if (given.isEmpty()) {
            return "no data: give --dataset NAME, --csv FILE --label COLUMN, or --idx-images FILE --idx-labels FILE";
        }
        if (given.size() > 1) {
            return "choose one data source, not " + String.join(" and ", given);
        }
        boolean testIdx = names.contains("--test-idx-images") || names.contains("--test-idx-labels");
        if (names.contains("--test-csv") && !csv) {
            return "--test-csv goes with --csv";
        }
        if (testIdx && !idx) {
            return "--test-idx-images/--test-idx-labels go with --idx-images/--idx-labels";
        }
        String pair = missingHalf(names, "--test-idx-images", "--test-idx-labels");
        if (pair == null && names.contains("--ignore") && !csv) {
            return "--ignore names CSV columns; it needs --csv";
        }
        pair = pair != null ? pair : csv && !names.contains("--csv") ? "--label needs --csv FILE"
                : csv && !names.contains("--label") ? "--csv needs --label COLUMN, the column of class labels"
                : missingHalf(names, "--idx-images", "--idx-labels");
        if (pair != null) {
            return pair;
        }
        for (String option : new String[] {"--noise", "--examples"}) {
            if (!playground && names.contains(option)) {
                return option + " applies only to a playground set (--dataset)";
            }
        }
        return e.getMessage();
    }

    /** {@code "--a needs --b FILE"} if only one of a pair was given. */
    private static String missingHalf(Set<String> names, String a, String b) {
        if (names.contains(a) != names.contains(b)) {
            return names.contains(a) ? a + " needs " + b + " FILE" : b + " needs " + a + " FILE";
        }
        return null;
    }

    /** Whether an option belongs to the data-source groups (the exclusive group and the groups in it). */
    private static boolean inSource(ArgSpec arg) {
        for (ArgGroupSpec group = arg.group(); group != null; group = group.parentGroup()) {
            if (group.exclusive() && group.multiplicity().min() == 1) {
                return true;
            }
        }
        return false;
    }
}
