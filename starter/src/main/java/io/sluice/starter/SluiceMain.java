package io.sluice.starter;

import io.sluice.activities.promotion.images.RegistryClient;

import picocli.CommandLine;

/** Entry point of the {@code sluice} command. */
public final class SluiceMain {
    private SluiceMain() {}

    /** Exits with the command's code; whatever escapes the command still ends the JVM, and with it every child process. */
    public static void main(String[] args) {
        RegistryClient.useLargeHttpBuffers();
        int code;
        try {
            code = commandLine().execute(args);
        } catch (Throwable unexpected) {
            System.err.println("error: " + unexpected);
            code = ExitCodes.RUN_FAILED;
        }
        System.exit(code);
    }

    /** The configured command tree; tests execute it with their own output streams. */
    public static CommandLine commandLine() {
        return new CommandLine(new SluiceCommand())
                .setExecutionExceptionHandler(new CliErrors())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }
}
