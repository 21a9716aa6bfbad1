package io.sluice.starter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @Test
    void demo_runsTheLifecycleOnTheLocalStackAndExitsZero(@TempDir Path directory) {
        CliRun run = CliRun.of("demo", "--state-dir", directory.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out())
                .contains("ok   temporal answers")
                .contains("ok   account shared reached through role arn:aws:iam::100000000004:role/SluiceWorker")
                .contains("ok   registry of account 100000000004 answers")
                .contains("local stack stopped")
                .containsPattern("RegisterDataProduct +data-product/credit/applications  REGISTERED")
                .containsPattern("data product database +credit_applications in governance, tables \\[applications\\]")
                .containsPattern("BuildModel +build/credit-risk/demo  APPROVED")
                .containsPattern("dev model package +arn:aws:sagemaker:us-east-1:100000000003:model-package/credit-risk/1")
                .containsPattern("approval +model-approval: APPROVE by arn:aws:sts::100000000003:assumed-role/[\\w+=,.@-]+/lead-ds@example\\.com")
                .containsPattern("PromoteModel +promote/arn:aws:sagemaker:us-east-1:100000000003:model-package/credit-risk/1  PROMOTED")
                .containsPattern("shared model package +arn:aws:sagemaker:us-east-1:100000000004:model-package/credit-risk/1")
                .containsPattern("artifact container-0-model.tar.gz \\d+ bytes, sha256 (\\w+)… \\(dev\\) == \\1… \\(shared\\)")
                .containsPattern("image credit-risk-xgboost:1.0 sha256:\\w{64} \\(dev\\) == \\(shared\\); 4 blobs")
                .containsPattern("DeployModel +deploy/credit-risk  DEPLOYED")
                .containsPattern("endpoint \\(prod\\) +prod 100000000006 .* stack CREATE_COMPLETE")
                .containsPattern("integration tests +\\d+/\\d+ ok, .* auc 0\\.\\d+ on 150 rows")
                .containsPattern("approval +production-approval: APPROVE by arn:aws:sts::100000000001:assumed-role/[\\w+=,.@-]+/"
                        + "governance-officer@example\\.com")
                .containsPattern("copy manifest +s3://sluice-shared-100000000004/models/100000000003/credit-risk/v1/sluice-copies\\.json "
                        + "\\(3 objects, \\d+ bytes\\)")
                .contains("demo: every step held")
                .doesNotContain("FAIL");
    }
}
