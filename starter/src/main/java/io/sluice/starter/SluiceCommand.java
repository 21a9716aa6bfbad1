package io.sluice.starter;

import io.sluice.starter.approvals.ApprovalsCommand;
import io.sluice.starter.approvals.ApproveCommand;
import io.sluice.starter.approvals.RejectCommand;
import io.sluice.starter.aws.AwsCommand;
import io.sluice.starter.bench.BenchCommand;
import io.sluice.starter.bootstrap.BootstrapCommand;
import io.sluice.starter.model.ModelCommand;
import io.sluice.starter.dataproduct.DataProductCommand;
import io.sluice.starter.flow.FlowCommand;
import io.sluice.starter.local.DemoCommand;
import io.sluice.starter.local.DevCommand;
import io.sluice.starter.runs.CancelCommand;
import io.sluice.starter.runs.HistoryCommand;
import io.sluice.starter.runs.StatusCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/** {@code sluice}: the root of the command tree. Every command inherits {@code --help} and {@code --version}. */
@Command(name = "sluice", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, version = "sluice 0.1.0",
        description = "Durable MLOps workflows on Temporal across AWS accounts.",
        subcommands = {DevCommand.class, DemoCommand.class, WorkerCommand.class, StatusCommand.class, HistoryCommand.class, CancelCommand.class,
                ApprovalsCommand.class, ApproveCommand.class, RejectCommand.class, ModelCommand.class,
                DataProductCommand.class, BootstrapCommand.class, AwsCommand.class, CodecServerCommand.class, BenchCommand.class,
                FlowCommand.class},
        footer = {"", "Exit codes: 0 ok; 1 run failed or rejected; 2 bad input;",
                "3 refused by an approval gate; 4 cannot reach Temporal, or not found."})
public final class SluiceCommand {}
