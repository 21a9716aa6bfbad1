package io.sluice.activities.promotion;

import java.util.Map;
import java.util.TreeMap;

/**
 * Heartbeat details of a multipart copy: the upload and the parts done, so a retried activity
 * resumes the same upload.
 *
 * @param uploadId the multipart upload
 * @param targetUri where it goes
 * @param parts part number → ETag of each completed part
 * @param partCount how many parts the copy has
 */
public record CopyProgress(String uploadId, String targetUri, Map<Integer, String> parts, int partCount) {
    public CopyProgress {
        parts = Map.copyOf(parts);
    }

    CopyProgress with(int part, String etag) {
        Map<Integer, String> more = new TreeMap<>(parts);
        more.put(part, etag);
        return new CopyProgress(uploadId, targetUri, more, partCount);
    }
}
