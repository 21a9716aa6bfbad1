package io.sluice.starter;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.sluice.client.config.ConfigException;
import io.sluice.client.temporal.TemporalUnreachableException;
import io.temporal.client.WorkflowNotFoundException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The one mapping from what a command threw to an exit code and a message on stderr: bad
 * input → 2, Temporal unreachable or workflow not found → 4, anything else → 1 (with the
 * exception's type, since it is unexpected).
 */
public final class CliErrors implements CommandLine.IExecutionExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(CliErrors.class);

    @Override
    public int handleExecutionException(Exception thrown, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        var err = commandLine.getErr();
        Throwable exception = unwrapInjection(thrown);
        int code = exitCode(exception);
        String message = exception instanceof WorkflowNotFoundException notFound
                ? "no run " + notFound.getExecution().getWorkflowId()
                        + (notFound.getExecution().getRunId().isEmpty() ? "" : " with run id " + notFound.getExecution().getRunId())
                : exception.getMessage() == null ? exception.getClass().getName() : exception.getMessage();
        if (code == ExitCodes.RUN_FAILED && !(exception instanceof CommandFailedException)) {
            message = exception.getClass().getSimpleName() + ": " + message;
        }
        log.debug("command failed", thrown);
        err.println("error: " + message);
        err.flush();
        return code;
    }

    /**
     * What failed inside Guice's wiring (a provider that cannot reach Temporal, say), rather than
     * Guice's page-long report of it; {@code thrown} itself when Guice is not involved or gives no cause.
     */
    static Throwable unwrapInjection(Throwable thrown) {
        java.util.Collection<com.google.inject.spi.Message> messages = thrown instanceof com.google.inject.CreationException creation
                ? creation.getErrorMessages()
                : thrown instanceof com.google.inject.ProvisionException provision ? provision.getErrorMessages() : List.of();
        return messages.stream().map(com.google.inject.spi.Message::getCause).filter(java.util.Objects::nonNull)
                .findFirst().orElse(thrown);
    }

    static int exitCode(Throwable exception) {
        if (exception instanceof CommandFailedException failed) {
            return failed.exitCode();
        }
        if (exception instanceof ConfigException || exception instanceof IllegalArgumentException) {
            return ExitCodes.BAD_INPUT;
        }
        if (exception instanceof TemporalUnreachableException || exception instanceof WorkflowNotFoundException) {
            return ExitCodes.UNREACHABLE_OR_NOT_FOUND;
        }
        if (exception instanceof StatusRuntimeException status) {
            var code = status.getStatus().getCode();
            if (code == Status.Code.NOT_FOUND || code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
                return ExitCodes.UNREACHABLE_OR_NOT_FOUND;
            }
        }
        if (exception.getCause() != null && exception.getCause() != exception) {
            int causeCode = exitCode(exception.getCause());
            if (causeCode != ExitCodes.RUN_FAILED) {
                return causeCode;
            }
        }
        return ExitCodes.RUN_FAILED;
    }
}
