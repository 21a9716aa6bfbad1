package io.sluice.starter.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.sandbox.LocalAws;
import io.sluice.workflows.S3Uri;
import io.sluice.workflows.Sha256;
import io.sluice.workflows.promotion.ArtifactCopyActivities.CopyManifest;
import io.sluice.workflows.promotion.ArtifactCopyActivities.CopiedObject;
import io.sluice.workflows.promotion.PromoteResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The objects a promotion copied, read from the manifest its result names, as a person checking it would. */
public final class PromotedCopies {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private PromotedCopies() {}

    /**
     * Every object {@code promoted} copied into {@code targetAccount}: from its manifest, whose bytes
     * must have the SHA-256 the result names (results recorded before manifests list them).
     */
    public static List<CopiedObject> objects(LocalAws aws, String targetAccount, PromoteResult promoted) {
        if (promoted.copies() == null) {
            return promoted.artifacts().stream().map(CopiedObject::of).toList();
        }
        var location = S3Uri.parse(promoted.copies().manifestUri());
        byte[] bytes;
        try (var s3 = aws.s3(targetAccount)) {
            bytes = s3.getObjectAsBytes(get -> get.bucket(location.bucket()).key(location.key())).asByteArray();
        }
        String sha256 = Sha256.hex(bytes);
        if (!sha256.equals(promoted.copies().sha256())) {
            throw new IllegalStateException("the copy manifest " + location + " has SHA-256 " + sha256 + ", not the "
                    + promoted.copies().sha256() + " its promotion recorded");
        }
        try {
            List<CopiedObject> objects = JSON.readValue(bytes, CopyManifest.class).objects();
            if (objects.size() != promoted.copies().objects()) {
                throw new IllegalStateException("the copy manifest " + location + " lists " + objects.size() + " objects, not "
                        + promoted.copies().objects());
            }
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException("the copy manifest " + location + " is not JSON", e);
        }
    }
}
