package io.sluice.starter.bench;

import picocli.CommandLine.Command;

/** {@code sluice bench}: benchmark programs that print figures. */
@Command(name = "bench", description = "Benchmarks on the local stack (figures, not tests).", subcommands = {CopyBenchmark.class, ImageCopyBenchmark.class, OrchestrationBenchmark.class})
public final class BenchCommand {}
