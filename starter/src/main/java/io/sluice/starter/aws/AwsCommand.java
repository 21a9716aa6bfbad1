package io.sluice.starter.aws;

import picocli.CommandLine.Command;

/** {@code sluice aws}: what Sluice needs of an AWS estate. */
@Command(name = "aws", description = "Check Sluice's AWS calls against the deploy/aws policies and AWS's service models.",
        subcommands = {AwsCheckCommand.class})
public final class AwsCommand {}
