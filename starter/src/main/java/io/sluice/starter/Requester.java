package io.sluice.starter;

import picocli.CommandLine.Option;

/** {@code --as NAME}: who asks for a run (the gate will not let them approve it). */
public final class Requester {
    @Option(names = "--as", paramLabel = "NAME",
            description = "Who requests the run (default: $SLUICE_USER, else the login name).")
    String name;

    public String name() {
        if (name != null && !name.isBlank()) {
            return name.strip();
        }
        String fromEnvironment = System.getenv("SLUICE_USER");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        return System.getProperty("user.name", "unknown");
    }
}
