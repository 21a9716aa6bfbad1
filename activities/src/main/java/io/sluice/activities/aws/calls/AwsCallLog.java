package io.sluice.activities.aws.calls;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Appends each AWS call to a file as one line of JSON: account, role, service, operation, kind,
 * the IAM permissions and condition keys it needs. Several workers may append to one file; each
 * line is written and flushed whole.
 */
public final class AwsCallLog implements AwsCallListener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final BufferedWriter writer;

    public AwsCallLog(Path file) {
        this.file = file;
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the AWS call log " + file, e);
        }
    }

    @Override
    public synchronized void called(AwsCall call) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("account", call.account());
        line.put("accountId", call.accountId());
        line.put("principal", call.principalArn());
        line.put("service", call.service());
        line.put("operation", call.operation());
        line.put("kind", call.kind().name());
        line.put("permissions", call.permissions());
        line.put("context", call.context());
        try {
            writer.write(JSON.writeValueAsString(line));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the AWS call log " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the AWS call log " + file, e);
        }
    }
}
