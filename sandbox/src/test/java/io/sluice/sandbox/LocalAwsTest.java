package io.sluice.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.Bucket;

class LocalAwsTest {

    @Test
    void start_seedsEveryAccountAndStopLeavesNoProcessBehind(@TempDir Path directory) {
        List<Long> pids;
        try (var localAws = LocalAws.start(directory)) {
            pids = localAws.pids();
            assertThat(pids).hasSize(1 + LocalAws.REGISTRY_ACCOUNTS.size());
            assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).hasValueSatisfying(
                    handle -> assertThat(handle.isAlive()).isTrue()));
            try (var s3 = localAws.s3("shared")) {
                assertThat(s3.listBuckets().buckets()).extracting(Bucket::name)
                        .contains(localAws.account("shared").artifactBucket());
            }
            for (String alias : List.of("dev", LocalAws.SECOND_DEV_ACCOUNT, "shared")) {
                assertThat(Http.answers(URI.create(localAws.registry(alias).endpoint() + "/v2/"), 200)).as(alias).isTrue();
            }
            try (var s3 = localAws.s3(LocalAws.SECOND_DEV_ACCOUNT)) {
                assertThat(s3.listBuckets().buckets()).extracting(Bucket::name)
                        .contains(localAws.account(LocalAws.SECOND_DEV_ACCOUNT).artifactBucket());
            }
        }
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(
                java.util.Optional.of(true)));
    }

    @Test
    void reset_forgetsWhatTestsCreatedAndSeedsAgain(@TempDir Path directory) {
        try (var localAws = LocalAws.start(directory)) {
            try (var s3 = localAws.s3("dev")) {
                s3.createBucket(request -> request.bucket("left-over"));
            }

            localAws.reset();

            try (var s3 = localAws.s3("dev")) {
                assertThat(s3.listBuckets().buckets()).extracting(Bucket::name)
                        .doesNotContain("left-over")
                        .contains(localAws.account("dev").artifactBucket());
            }
        }
    }
}
