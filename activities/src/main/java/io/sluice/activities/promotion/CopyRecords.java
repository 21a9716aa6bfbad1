package io.sluice.activities.promotion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sluice.activities.aws.S3Objects;
import io.sluice.workflows.S3Uri;
import io.sluice.workflows.Sha256;
import io.sluice.workflows.promotion.ArtifactCopyActivities.CopyManifest;
import io.sluice.workflows.promotion.ArtifactCopyActivities.CopyRecord;
import io.sluice.workflows.promotion.ArtifactCopyActivities.CopyRecordRequest;
import io.sluice.workflows.promotion.ArtifactCopyActivities.CopiedObject;
import java.io.UncheckedIOException;

/** Writes a promotion's copies as one JSON object in the target account: the manifest its result names. */
final class CopyRecords {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final S3Objects s3;

    CopyRecords(S3Objects s3) {
        this.s3 = s3;
    }

    CopyRecord write(CopyRecordRequest request) {
        S3Uri location = S3Uri.parse("manifestUri", request.manifestUri());
        byte[] bytes = bytesOf(new CopyManifest(request.workflowId(), request.sourcePackageArn(), request.objects(),
                request.images()));
        s3.write(request.targetAccount(), location, bytes, "application/json", request.kmsKey());
        return new CopyRecord(location.toString(), Sha256.hex(bytes), request.objects().size(), request.images().size(),
                request.objects().stream().mapToLong(CopiedObject::size).sum());
    }

    private static byte[] bytesOf(CopyManifest manifest) {
        try {
            return JSON.writeValueAsBytes(manifest);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
