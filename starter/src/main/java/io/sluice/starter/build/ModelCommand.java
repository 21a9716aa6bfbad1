package io.sluice.starter.build;

import picocli.CommandLine.Command;

/** {@code sluice model}: model builds. */
@Command(name = "model", description = "Build models.", subcommands = BuildModelCommand.class)
public final class ModelCommand {}
