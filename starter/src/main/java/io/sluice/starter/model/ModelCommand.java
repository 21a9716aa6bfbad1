package io.sluice.starter.model;

import picocli.CommandLine.Command;

/** {@code sluice model}: model builds. */
@Command(name = "model", description = "Build, promote and deploy models.", subcommands = {BuildModelCommand.class, PromoteModelCommand.class, DeployModelCommand.class})
public final class ModelCommand {}
