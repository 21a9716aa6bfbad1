package io.sluice.starter.approvals;

import picocli.CommandLine.Command;

/** {@code sluice approvals}: the gates waiting for people. */
@Command(name = "approvals", description = "Approval gates waiting for a decision.", subcommands = ListApprovalsCommand.class)
public final class ApprovalsCommand {}
