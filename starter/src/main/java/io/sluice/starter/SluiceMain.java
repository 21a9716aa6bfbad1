package io.sluice.starter;

import picocli.CommandLine;

/** Entry point of the {@code sluice} command. */
public final class SluiceMain {
    private SluiceMain() {}

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command tree; tests execute it with their own output streams. */
    public static CommandLine commandLine() {
        return new CommandLine(new SluiceCommand())
                .setExecutionExceptionHandler(new CliErrors())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }
}
