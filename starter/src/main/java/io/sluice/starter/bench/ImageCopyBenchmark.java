package io.sluice.starter.bench;

import io.sluice.activities.promotion.CopySettings;
import io.sluice.activities.promotion.images.BlobProgress;
import io.sluice.activities.promotion.images.CopyReport;
import io.sluice.activities.promotion.images.ImageCopier;
import io.sluice.activities.promotion.images.ImageReference;
import io.sluice.activities.promotion.images.RegistryClient;
import io.sluice.activities.promotion.images.RegistryCredentials;
import io.sluice.starter.ExitCodes;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice bench image-copy FROM TO}: one image copy by promotion's engine between two
 * plain-HTTP registries that need no credentials (the local stack's), as a process of its own,
 * so it can be timed from outside against {@code skopeo copy} with start-up costs on both sides.
 */
@Command(name = "image-copy", description = "Copy one image between two plain-HTTP registries with promotion's engine, "
        + "to time it as a whole process against skopeo copy.")
public final class ImageCopyBenchmark implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FROM", description = "Source image, host:port/repository:tag.")
    String from;

    @Parameters(index = "1", paramLabel = "TO", description = "Target image, host:port/repository:tag.")
    String to;

    @Option(names = "--blobs-at-once", description = "Blobs transferred at once (default: the worker's, copy.imageBlobsAtOnce).")
    Integer blobsAtOnce;

    @Override
    public Integer call() {
        ImageReference source = ImageReference.parse(from);
        ImageReference target = ImageReference.parse(to);
        var http = RegistryClient.newHttpClient();
        var sourceClient = new RegistryClient(URI.create("http://" + source.registry()), RegistryCredentials.none(), http);
        var targetClient = new RegistryClient(URI.create("http://" + target.registry()), RegistryCredentials.none(), http);
        long started = System.nanoTime();
        CopyReport report = new ImageCopier(blobsAtOnce == null ? CopySettings.DEFAULTS.imageBlobsAtOnce() : blobsAtOnce)
                .copy(sourceClient, source, targetClient, target, BlobProgress.none());
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s -> %s: %s, %d blob(s) copied, %d present, %.1f MiB in %.2f s%n", from, to, report.digest(),
                report.blobsCopied(), report.blobsSkipped() + report.blobsMounted(), report.bytesCopied() / (double) CopySettings.MIB,
                (System.nanoTime() - started) / 1e9);
        return ExitCodes.OK;
    }
}
