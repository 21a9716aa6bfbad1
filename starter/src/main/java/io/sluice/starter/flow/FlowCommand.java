package io.sluice.starter.flow;

import io.sluice.activities.build.flow.FlowException;
import io.sluice.activities.build.flow.FlowFile;
import io.sluice.activities.build.flow.FlowNode;
import io.sluice.starter.CommandFailedException;
import io.sluice.starter.ExitCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code sluice flow}: a Data Wrangler flow on the laptop, with the executor local job mode uses. */
@Command(name = "flow", description = "Check or run a Data Wrangler .flow file locally, as local job mode runs it.",
        subcommands = {FlowCheckCommand.class, FlowRunCommand.class})
public final class FlowCommand {
    /** Reads and parses {@code file}; a missing or malformed file is bad input naming it. */
    static FlowFile read(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CommandFailedException(ExitCodes.BAD_INPUT, "flow file " + file + " does not exist");
        } catch (IOException e) {
            throw new CommandFailedException(ExitCodes.BAD_INPUT, "cannot read flow file " + file + ": " + e.getMessage());
        }
        try {
            return FlowFile.parse(json);
        } catch (FlowException e) {
            throw new CommandFailedException(ExitCodes.BAD_INPUT, file + ": " + e.getMessage());
        }
    }

    /** The operator without its {@code sagemaker.} prefix, with the node's transform when it has one. */
    static String describe(FlowNode node) {
        String operator = node.operator().startsWith("sagemaker.") ? node.operator().substring("sagemaker.".length()) : node.operator();
        String transform = node.parameters().path("operator").asText("");
        return transform.isEmpty() ? operator : operator + " / " + transform;
    }
}
