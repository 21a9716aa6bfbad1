package io.sluice.starter.bench;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.promotion.CopySettings;
import io.sluice.activities.promotion.S3ObjectCopier;
import io.sluice.activities.promotion.images.BlobProgress;
import io.sluice.activities.promotion.images.ImageCopier;
import io.sluice.activities.promotion.images.ImageReference;
import io.sluice.activities.promotion.images.RegistryClient;
import io.sluice.activities.promotion.images.RegistryCredentials;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.SampleImage;
import io.sluice.starter.ExitCodes;
import io.sluice.workflows.S3Uri;
import io.sluice.workflows.promotion.ArtifactCopyActivities.ObjectCopyRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * {@code sluice bench copy}: promotion's copy engines against the reference tools, side by side in
 * one run on the local stack: a large S3 object by {@link S3ObjectCopier} and by
 * {@code aws s3 cp s3://… s3://…}; a multi-layer image by {@link ImageCopier} and by
 * {@code skopeo copy}, cold (the target has no blob) and again with every blob present. The image
 * engine first copies {@value #WARM_UP_COPIES} times to another registry, so the JIT has compiled
 * the copy path as in a worker that has copied before; those copies are printed too. Prints wall time, CPU time, bytes
 * moved through the copier and peak memory (heap in use, and heap found live after collections,
 * for the engines; RSS for the tools), and the ratios. Figures, not assertions.
 */
@Command(name = "copy", description = "Benchmark the S3 and image copy engines against aws s3 cp and skopeo copy on the local stack.")
public final class CopyBenchmark implements Callable<Integer> {
    private static final long MIB = 1024 * 1024;
    private static final int WARM_UP_COPIES = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--object-mib", defaultValue = "1024", description = "Size of the S3 object (default ${DEFAULT-VALUE} MiB).")
    int objectMib;

    @Option(names = "--layers", defaultValue = "4", description = "Layers of the image (default ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--layer-mib", defaultValue = "48", description = "Size of each layer (default ${DEFAULT-VALUE} MiB).")
    int layerMib;

    @Option(names = "--large", description = "Copy an image of one 2048 MiB layer instead (overrides --layers and --layer-mib).")
    boolean large;

    @Option(names = "--only", description = "Benchmark only one engine: ${COMPLETION-CANDIDATES}.")
    Engine only;

    @Option(names = "--blobs-at-once", description = "Blobs the image copier transfers at once (default: the worker's, "
            + "copy.imageBlobsAtOnce).")
    Integer blobsAtOnce;

    /** The engines this benchmark compares. */
    enum Engine { s3, images }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path directory = Files.createTempDirectory("sluice-bench-");
        try (LocalAws aws = LocalAws.start(directory)) {
            var settings = new io.sluice.activities.aws.AwsSettings(LocalAws.REGION, accounts(aws), java.time.Duration.ofMinutes(10),
                    java.time.Duration.ofMinutes(5), aws.awsEndpoint().toString());
            try (var clients = AwsClients.create(settings)) {
                if (only != Engine.images) {
                    out.println("S3: " + objectMib + " MiB object, dev -> shared (part 64 MiB, 8 parts at a time)");
                    out.flush();
                    s3(aws, clients, out);
                    out.println();
                }
                if (only != Engine.s3) {
                    images(aws, out);
                }
            }
        }
        return ExitCodes.OK;
    }

    private void s3(LocalAws aws, AwsClients clients, PrintWriter out) throws Exception {
        String source = "s3://" + aws.account("dev").artifactBucket() + "/bench/large.bin";
        upload(aws, S3Uri.parse(source), objectMib * MIB);
        var copier = new S3ObjectCopier(clients, CopySettings.DEFAULTS);
        var request = new ObjectCopyRequest("dev", source, "shared", "s3://" + aws.account("shared").artifactBucket() + "/bench/engine.bin", "");
        long started = System.nanoTime();
        long cpuStarted = ProcessCpu.nanos();
        long heap;
        String method;
        try (var peak = new HeapPeak()) {
            method = copier.copy(request, Optional.empty(), progress -> { }).method();
            heap = peak.peakBytes();
        }
        double engineSeconds = (System.nanoTime() - started) / 1e9;
        double engineCpu = (ProcessCpu.nanos() - cpuStarted) / 1e9;
        Measured cli = measure(List.of("aws", "--endpoint-url", aws.awsEndpoint().toString(), "s3", "cp", source,
                "s3://" + aws.account("shared").artifactBucket() + "/bench/cli.bin", "--only-show-errors"),
                Map.of("AWS_ACCESS_KEY_ID", "bench", "AWS_SECRET_ACCESS_KEY", "bench", "AWS_DEFAULT_REGION", LocalAws.REGION));
        row(out, "engine (" + method + ")", engineSeconds, engineCpu, 0, heap, "heap");
        row(out, "aws s3 cp", cli.seconds(), cli.cpuSeconds(), 0, cli.peakRssBytes(), "RSS");
        out.printf(Locale.ROOT, "  ratio engine/aws-cli wall time %.2f%n", engineSeconds / cli.seconds());
    }

    private void images(LocalAws aws, PrintWriter out) throws Exception {
        int imageLayers = large ? 1 : layers;
        long layerBytes = (large ? 2048 : layerMib) * MIB;
        int atOnce = blobsAtOnce == null ? CopySettings.DEFAULTS.imageBlobsAtOnce() : blobsAtOnce;
        out.printf(Locale.ROOT, "Image: %d layer(s) of %d MiB, dev registry -> shared registry, %d blob(s) at once%n",
                imageLayers, layerBytes / MIB, atOnce);
        out.flush();
        String dev = aws.registry("dev").host();
        String shared = aws.registry("shared").host();
        SampleImage.push(dev, "bench/model", "1.0", 99, imageLayers, layerBytes);
        var http = RegistryClient.newHttpClient();
        var source = new RegistryClient(aws.registry("dev").endpoint(), RegistryCredentials.none(), http);
        var target = new RegistryClient(aws.registry("shared").endpoint(), RegistryCredentials.none(), http);
        var copier = new ImageCopier(atOnce);
        String spare = aws.registry(LocalAws.SECOND_DEV_ACCOUNT).host();
        var spareTarget = new RegistryClient(aws.registry(LocalAws.SECOND_DEV_ACCOUNT).endpoint(), RegistryCredentials.none(), http);
        ImageReference from = new ImageReference(dev, "bench/model", "1.0");
        for (int warmUp = 1; warmUp <= WARM_UP_COPIES; warmUp++) {
            timedCopy(copier, source, from, spareTarget, new ImageReference(spare, "bench/warm-up-" + warmUp, "1.0"))
                    .print(out, "engine, JIT warm-up " + warmUp);
        }
        out.println("  (cold copies to another registry while the JIT compiles the copy path, as a new worker does)");
        for (String pass : List.of("cold", "warm")) {
            TimedCopy engine = timedCopy(copier, source, from, target, new ImageReference(shared, "bench/engine", "1.0"));
            Measured skopeo = measure(List.of("skopeo", "copy", "--quiet", "--src-tls-verify=false", "--dest-tls-verify=false",
                    "docker://" + dev + "/bench/model:1.0", "docker://" + shared + "/bench/skopeo:1.0"), Map.of());
            engine.print(out, "engine, " + pass);
            row(out, "skopeo copy, " + pass, skopeo.seconds(), skopeo.cpuSeconds(), -1, skopeo.peakRssBytes(), "RSS");
            out.printf(Locale.ROOT, "  ratio engine/skopeo wall time (%s) %.2f%n", pass, engine.seconds() / skopeo.seconds());
        }
    }

    /** One image copy by the engine: wall and CPU time, bytes it streamed, peak heap in use and found live. */
    private record TimedCopy(double seconds, double cpuSeconds, long bytes, long heapBytes, long liveHeapBytes) {
        void print(PrintWriter out, String what) {
            row(out, what, seconds, cpuSeconds, bytes, heapBytes, "heap");
            out.printf(Locale.ROOT, "  %-24s peak live heap %6.1f MiB (found live by collections)%n", "", liveHeapBytes / (double) MIB);
        }
    }

    private static TimedCopy timedCopy(ImageCopier copier, RegistryClient source, ImageReference from, RegistryClient target,
            ImageReference to) {
        long started = System.nanoTime();
        long cpuStarted = ProcessCpu.nanos();
        try (var peak = new HeapPeak()) {
            long bytes = copier.copy(source, from, target, to, BlobProgress.none()).bytesCopied();
            return new TimedCopy((System.nanoTime() - started) / 1e9, (ProcessCpu.nanos() - cpuStarted) / 1e9, bytes,
                    peak.peakBytes(), peak.peakLiveBytes());
        }
    }

    private static void row(PrintWriter out, String what, double seconds, double cpuSeconds, long bytesThroughCopier, long memory,
            String kind) {
        out.printf(Locale.ROOT, "  %-24s %8.2f s  cpu %6.2f s   %s   peak %s %6.1f MiB%n", what, seconds, cpuSeconds,
                bytesThroughCopier < 0 ? "bytes through copier      n/a" : String.format(Locale.ROOT, "bytes through copier %9.1f MiB",
                        bytesThroughCopier / (double) MIB), kind, memory / (double) MIB);
        out.flush();
    }

    private record Measured(double seconds, double cpuSeconds, long peakRssBytes) {}

    /** Runs {@code command} under {@code /usr/bin/time}, which reports wall time and peak RSS. */
    private static Measured measure(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        Path report = Files.createTempFile("bench-time-", ".txt");
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S %M", "-o", report.toString()));
        timed.addAll(command);
        var builder = new ProcessBuilder(timed).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        int exit = builder.start().waitFor();
        String[] figures = Files.readString(report, StandardCharsets.UTF_8).strip().split("\\s+");
        Files.deleteIfExists(report);
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + exit);
        }
        int n = figures.length;
        return new Measured(Double.parseDouble(figures[n - 4]), Double.parseDouble(figures[n - 3]) + Double.parseDouble(figures[n - 2]),
                Long.parseLong(figures[n - 1]) * 1024);
    }

    /** Uploads {@code size} random bytes, 64 MiB at a time, without holding the object in memory. */
    private static void upload(LocalAws aws, S3Uri location, long size) {
        try (var s3 = aws.s3("dev")) {
            String uploadId = s3.createMultipartUpload(create -> create.bucket(location.bucket()).key(location.key())).uploadId();
            List<CompletedPart> parts = new ArrayList<>();
            Random random = new Random(1);
            byte[] part = new byte[(int) Math.min(size, 64 * MIB)];
            long remaining = size;
            for (int number = 1; remaining > 0; number++) {
                int length = (int) Math.min(remaining, part.length);
                random.nextBytes(part);
                int partNumber = number;
                String etag = s3.uploadPart(upload -> upload.bucket(location.bucket()).key(location.key()).uploadId(uploadId)
                        .partNumber(partNumber), RequestBody.fromBytes(java.util.Arrays.copyOf(part, length))).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                remaining -= length;
            }
            s3.completeMultipartUpload(complete -> complete.bucket(location.bucket()).key(location.key()).uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(parts)));
        }
    }

    private static Map<String, io.sluice.workflows.AwsAccount> accounts(LocalAws aws) {
        Map<String, io.sluice.workflows.AwsAccount> accounts = new java.util.LinkedHashMap<>();
        aws.accounts().forEach(account -> accounts.put(account.alias(),
                new io.sluice.workflows.AwsAccount(account.alias(), account.id(), account.workerRoleArn())));
        return accounts;
    }
}
