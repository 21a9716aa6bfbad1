package io.sluice.starter.build;

import picocli.CommandLine.Command;

/** {@code sluice model}: model builds. */
@Command(name = "model", description = "Build and promote models.", subcommands = {BuildModelCommand.class, PromoteModelCommand.class})
public final class ModelCommand {}
