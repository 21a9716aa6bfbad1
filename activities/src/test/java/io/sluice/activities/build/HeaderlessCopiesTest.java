package io.sluice.activities.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.LocalAwsSettings;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.sluice.workflows.build.ModelJobActivities.TrainingDataRequest;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

@ExtendWith(LocalAwsExtension.class)
class HeaderlessCopiesTest {
    private static final long FIVE_MIB = 5L << 20;

    private AwsClients clients;
    private S3Client s3;
    private String bucket;

    @BeforeEach
    void open(LocalAws localAws) {
        clients = AwsClients.create(LocalAwsSettings.of(localAws));
        s3 = localAws.s3("dev");
        bucket = localAws.account("dev").artifactBucket();
    }

    @AfterEach
    void close() {
        s3.close();
        clients.close();
    }

    @Test
    void partFilesLargerThanOnePart_areCopiedByteForByteWithoutTheirFirstLine() {
        byte[] rows = rows(12 * 1024 * 1024 + 17);
        put("proc/train/part-00000-c000.csv", concat("label,age,income\n".getBytes(StandardCharsets.UTF_8), rows));
        put("proc/train/part-00001-c000.csv", "label,age,income\n1,30,5\n".getBytes(StandardCharsets.UTF_8));

        var result = new HeaderlessCopies(clients, FIVE_MIB).copy(request(Map.of("train", "s3://" + bucket + "/proc/train/"),
                Set.of("train")));

        assertThat(result.outputs()).containsExactly(Map.entry("train", "s3://" + bucket + "/proc/headerless/train/"));
        assertThat(result.partFiles()).isEqualTo(2);
        assertThat(result.bytes()).isEqualTo(rows.length + "1,30,5\n".length());
        assertThat(get("proc/headerless/train/part-00000-c000.csv")).isEqualTo(rows);
        assertThat(get("proc/headerless/train/part-00001-c000.csv")).asString(StandardCharsets.UTF_8).isEqualTo("1,30,5\n");
    }

    @Test
    void aLargePartFileWhoseHeaderOutgrowsTheFirstRead_losesExactlyItsHeader() {
        byte[] header = ("label," + "feature,".repeat(12_000) + "last\n").getBytes(StandardCharsets.UTF_8);
        byte[] rows = rows(6 * 1024 * 1024);
        put("proc/train/part-00000.csv", concat(header, rows));

        var result = new HeaderlessCopies(clients, FIVE_MIB).copy(request(Map.of("train", "s3://" + bucket + "/proc/train/"),
                Set.of("train")));

        assertThat(header.length).isGreaterThan(64 * 1024);
        assertThat(result.bytes()).isEqualTo(rows.length);
        assertThat(get("proc/headerless/train/part-00000.csv")).isEqualTo(rows);
    }

    @Test
    void aLargePartFileWithoutALineEndInItsFirstMebibyte_isRefusedNamingIt() {
        put("proc/train/part-00000.csv", concat("x".repeat(2 * 1024 * 1024).getBytes(StandardCharsets.UTF_8), rows(4 * 1024 * 1024)));

        var failure = catchThrowableOfType(ApplicationFailure.class, () -> new HeaderlessCopies(clients, FIVE_MIB)
                .copy(request(Map.of("train", "s3://" + bucket + "/proc/train/"), Set.of("train"))));

        assertThat(failure.getType()).isEqualTo("sluice.InvalidInput");
        assertThat(failure.getOriginalMessage()).startsWith("part file s3://" + bucket + "/proc/train/part-00000.csv has no line "
                + "end in its first 1048576 bytes");
        assertThat(keys("proc/headerless/")).isEmpty();
    }

    @Test
    void aHeaderWithAQuotedLineBreak_endsAtTheFirstLineBreakOutsideQuotes() {
        put("proc/train/part-00000.csv", "\"label\",\"monthly\nincome\"\r\n0,12\n1,40\n".getBytes(StandardCharsets.UTF_8));

        new HeaderlessCopies(clients, FIVE_MIB).copy(request(Map.of("train", "s3://" + bucket + "/proc/train/"), Set.of("train")));

        assertThat(get("proc/headerless/train/part-00000.csv")).asString(StandardCharsets.UTF_8).isEqualTo("0,12\n1,40\n");
    }

    @Test
    void hiddenFilesAndHeaderOnlyPartFiles_areNotCopied() {
        put("proc/test/_SUCCESS", new byte[0]);
        put("proc/test/.part-00000.csv.crc", "crc".getBytes(StandardCharsets.UTF_8));
        put("proc/test/part-00000.csv", "label,age\n".getBytes(StandardCharsets.UTF_8));
        put("proc/test/part-00001.csv", "label,age\n0,51\n".getBytes(StandardCharsets.UTF_8));

        var result = new HeaderlessCopies(clients, FIVE_MIB).copy(request(Map.of("test", "s3://" + bucket + "/proc/test/"), Set.of()));

        assertThat(result.partFiles()).isEqualTo(1);
        assertThat(keys("proc/headerless/")).containsExactly("proc/headerless/test/part-00001.csv");
    }

    @Test
    void copiedAgain_keepsWhatTheFirstCopyFinishedAndCopiesASourceThatChanged() {
        put("proc/train/part-00000.csv", "label,age\n0,51\n".getBytes(StandardCharsets.UTF_8));
        put("proc/train/part-00001.csv", "label,age\n1,22\n".getBytes(StandardCharsets.UTF_8));
        var copies = new HeaderlessCopies(clients, FIVE_MIB);
        var request = request(Map.of("train", "s3://" + bucket + "/proc/train/"), Set.of("train"));
        copies.copy(request);
        var firstCopy = s3.headObject(head -> head.bucket(bucket).key("proc/headerless/train/part-00000.csv")).lastModified();
        put("proc/train/part-00001.csv", "label,age\n1,23\n".getBytes(StandardCharsets.UTF_8));

        var again = copies.copy(request);

        assertThat(again.partFiles()).isEqualTo(1);
        assertThat(s3.headObject(head -> head.bucket(bucket).key("proc/headerless/train/part-00000.csv")).lastModified())
                .isEqualTo(firstCopy);
        assertThat(get("proc/headerless/train/part-00001.csv")).asString(StandardCharsets.UTF_8).isEqualTo("1,23\n");
    }

    @Test
    void aChannelWithoutARow_failsWithoutRetryNamingTheOutput() {
        put("proc/validation/part-00000.csv", "label,age\n".getBytes(StandardCharsets.UTF_8));

        var failure = catchThrowableOfType(ApplicationFailure.class, () -> new HeaderlessCopies(clients, FIVE_MIB)
                .copy(request(Map.of("validation", "s3://" + bucket + "/proc/validation/"), Set.of("validation"))));

        assertThat(failure.isNonRetryable()).isTrue();
        assertThat(failure.getType()).isEqualTo("sluice.InvalidInput");
        assertThat(failure.getOriginalMessage()).startsWith("processing output validation at s3://" + bucket
                + "/proc/validation/ holds no row below its header rows");
        assertThat(keys("proc/headerless/")).isEmpty();
    }

    private TrainingDataRequest request(Map<String, String> outputs, Set<String> needingRows) {
        return new TrainingDataRequest("dev", outputs, "s3://" + bucket + "/proc/headerless", needingRows, "");
    }

    /** Numeric CSV rows, about {@code size} bytes, ending with a line feed. */
    private static byte[] rows(int size) {
        StringBuilder rows = new StringBuilder(size + 32);
        for (int i = 0; rows.length() < size; i++) {
            rows.append(i % 2).append(',').append(20 + i % 50).append(',').append(i).append('\n');
        }
        return rows.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private void put(String key, byte[] bytes) {
        s3.putObject(put -> put.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }

    private byte[] get(String key) {
        return s3.getObjectAsBytes(get -> get.bucket(bucket).key(key)).asByteArray();
    }

    private List<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(list -> list.bucket(bucket).prefix(prefix)).contents().stream().map(S3Object::key).toList();
    }
}
