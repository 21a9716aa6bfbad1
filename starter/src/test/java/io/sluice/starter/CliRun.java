package io.sluice.starter;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the {@code sluice} command: its exit code and what it printed. */
public record CliRun(int exitCode, String out, String err) {
    public static CliRun of(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var commandLine = SluiceMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }
}
