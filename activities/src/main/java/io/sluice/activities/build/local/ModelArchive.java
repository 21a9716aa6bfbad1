package io.sluice.activities.build.local;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** {@code model.tar.gz} as SageMaker expects it: a gzipped tar of the model's files. */
public final class ModelArchive {
    /** The file SageMaker's XGBoost containers load. */
    public static final String XGBOOST_MODEL = "xgboost-model";

    private ModelArchive() {}

    /** A gzipped tar holding {@code files} (name → bytes), with a fixed modification time so equal files give equal bytes. */
    public static byte[] pack(Map<String, byte[]> files) {
        var bytes = new ByteArrayOutputStream();
        try (var tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            for (var file : files.entrySet()) {
                var entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                entry.setModTime(0);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The files of a gzipped tar, by name. */
    public static Map<String, byte[]> unpack(byte[] archive) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (var tar = new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isFile()) {
                    files.put(entry.getName().replaceFirst("^\\./", ""), tar.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("not a gzipped tar: " + e.getMessage(), e);
        }
        return files;
    }
}
