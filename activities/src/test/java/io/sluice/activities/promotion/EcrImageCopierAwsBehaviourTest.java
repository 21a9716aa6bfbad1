package io.sluice.activities.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.sluice.activities.aws.AwsClients;
import io.sluice.activities.aws.LocalAwsSettings;
import io.sluice.sandbox.LocalAws;
import io.sluice.sandbox.LocalAwsExtension;
import io.sluice.sandbox.SampleImage;
import io.sluice.sandbox.interpose.AwsInterposer;
import io.sluice.sandbox.interpose.AwsReply;
import io.sluice.sandbox.interpose.AwsRequest;
import io.sluice.sandbox.interpose.Rule;
import io.sluice.workflows.promotion.ArtifactCopyActivities.ImageCopyRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ECR as AWS runs it where the local registry differs: a repository with IMMUTABLE tags refuses a
 * PUT of any manifest to a tag it already has, the same manifest included (the local registry
 * moves tags freely).
 */
@ExtendWith(LocalAwsExtension.class)
class EcrImageCopierAwsBehaviourTest {
    private static final String SHARED = "100000000004";

    private AwsInterposer sharedRegistry;
    private AwsClients clients;
    private EcrImageCopier copier;
    private final Set<String> tagsTaken = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start(LocalAws localAws) {
        sharedRegistry = AwsInterposer.start(URI.create("http://" + localAws.registry("shared").host()));
        var hosts = new LinkedHashMap<>(localAws.registryHostsByAccountId());
        hosts.put(SHARED, sharedRegistry.endpoint().getAuthority());
        clients = AwsClients.create(LocalAwsSettings.of(localAws));
        copier = new EcrImageCopier(clients, new RegistryEndpoints(hosts), new CopySettings(64 * CopySettings.MIB, 64 * CopySettings.MIB, 4, 4));
    }

    @AfterEach
    void stop() {
        clients.close();
        sharedRegistry.close();
    }

    @Test
    void copyAgain_toAnImmutableTagThatAlreadyNamesTheImage_writesNoManifestAndSucceeds(LocalAws localAws) {
        String digest = SampleImage.push(localAws.registry("dev").host(), "credit-risk-xgboost", "1.0", 5, 2, 16 * 1024);
        Rule immutable = immutableTags();
        var request = new ImageCopyRequest("dev", "100000000003.dkr.ecr.us-east-1.amazonaws.com/credit-risk-xgboost:1.0", "shared",
                List.of("test"));

        var first = copier.copy(request, line -> { });
        var second = copier.copy(request, line -> { });

        assertThat(first.digest()).isEqualTo(digest);
        assertThat(second.digest()).isEqualTo(digest);
        assertThat(immutable.hits()).isZero();
        assertThat(manifestPuts()).isEqualTo(1);
    }

    @Test
    void copy_ofAnotherImageToAnImmutableTagItHas_failsWithEcrsRefusal(LocalAws localAws) {
        SampleImage.push(localAws.registry("dev").host(), "credit-risk-xgboost", "1.0", 5, 2, 16 * 1024);
        immutableTags();
        var request = new ImageCopyRequest("dev", "100000000003.dkr.ecr.us-east-1.amazonaws.com/credit-risk-xgboost:1.0", "shared",
                List.of("test"));
        copier.copy(request, line -> { });
        SampleImage.push(localAws.registry("dev").host(), "credit-risk-xgboost", "1.0", 6, 2, 16 * 1024);

        Throwable failure = catchThrowable(() -> copier.copy(request, line -> { }));

        assertThat(failure).hasMessageContaining("TAG_INVALID").hasMessageContaining("1.0");
    }

    /** ECR's answer to a PUT of a manifest to a tag an IMMUTABLE repository already has. */
    private Rule immutableTags() {
        return sharedRegistry.when(request -> {
            if (!isTagPut(request)) {
                return false;
            }
            return !tagsTaken.add(request.path());
        }).answer(request -> new AwsReply(400, java.util.Map.of("Content-Type", List.of("application/json")),
                ("{\"errors\":[{\"code\":\"TAG_INVALID\",\"message\":\"The image tag '"
                        + request.path().substring(request.path().lastIndexOf('/') + 1) + "' already exists in the "
                        + "'credit-risk-xgboost' repository and cannot be overwritten because the tag is immutable.\"}]}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static boolean isTagPut(AwsRequest request) {
        return request.method().equals("PUT") && request.path().contains("/manifests/") && !request.path().contains("/manifests/sha256:");
    }

    private long manifestPuts() {
        return sharedRegistry.requests().stream().filter(EcrImageCopierAwsBehaviourTest::isTagPut).count();
    }
}
