package io.sluice.starter.approvals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sluice.starter.ConfigOption;
import io.sluice.starter.ExitCodes;
import io.sluice.starter.TemporalSession;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice approvals list [--json]}. */
@Command(name = "list", description = "List the runs whose approval gate is open, with approvers and deadline.")
public final class ListApprovalsCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--json", description = "Print a JSON array of {workflowId, type, gate}.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<OpenGates.OpenGate> open;
        try (var session = TemporalSession.open(config.read())) {
            open = new OpenGates(session).find();
        }
        if (json) {
            out.println(JSON.writeValueAsString(open));
            return ExitCodes.OK;
        }
        if (open.isEmpty()) {
            out.println("no approval gate is open");
            return ExitCodes.OK;
        }
        String format = "%-44s %-20s %-9s %-40s %s%n";
        out.printf(format, "WORKFLOW ID", "GATE", "APPROVED", "APPROVERS", "DEADLINE");
        for (var run : open) {
            var gate = run.gate();
            out.printf(format, run.workflowId(), gate.name(), gate.approvedBy().size() + " of " + gate.needed(),
                    String.join(",", gate.approvers()), gate.deadline());
        }
        return ExitCodes.OK;
    }
}
