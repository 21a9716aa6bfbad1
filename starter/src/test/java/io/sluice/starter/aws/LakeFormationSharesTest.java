package io.sluice.starter.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.sandbox.proof.IamDecision.Decision;
import io.sluice.sandbox.proof.IamPolicyEvaluator;
import io.sluice.sandbox.proof.IamRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lakeformation.model.PrincipalResourcePermissions;
import software.amazon.awssdk.services.lakeformation.model.Resource;
import software.amazon.awssdk.services.lakeformation.model.TableWildcard;

class LakeFormationSharesTest {
    private static final String GOVERNANCE = "100000000001";
    private static final String PRODUCER = "100000000002";
    private static final String PRODUCER_WORKER = "arn:aws:iam::" + PRODUCER + ":role/SluiceWorker";
    private static final String CATALOG = "arn:aws:glue:us-east-1:" + GOVERNANCE + ":";
    /** The producer's own policy allows every table of the governance catalog: only the share can deny. */
    private static final String PRODUCER_POLICY = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
             "Action": ["glue:GetTable", "glue:CreateTable", "glue:UpdateTable", "glue:DeleteTable"],
             "Resource": ["arn:aws:glue:us-east-1:100000000001:catalog", "arn:aws:glue:us-east-1:100000000001:database/*",
                          "arn:aws:glue:us-east-1:100000000001:table/*/*"]}]}""";

    private static IamPolicyEvaluator evaluator;

    @BeforeAll
    static void startEvaluator() {
        evaluator = IamPolicyEvaluator.start();
    }

    @AfterAll
    static void stopEvaluator() {
        evaluator.close();
    }

    @Test
    void policy_ofADatabaseGrantWithCreateTable_letsTheProducerCreateTablesThereOnly() {
        String policy = LakeFormationShares.policy("us-east-1", GOVERNANCE, List.of(
                grant(PRODUCER, database("credit_applications"), "CREATE_TABLE", "DESCRIBE"))).orElseThrow();

        assertThat(decision("glue:CreateTable", CATALOG + "table/credit_applications/applications", policy))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decision("glue:CreateTable", CATALOG + "database/credit_applications", policy)).isEqualTo(Decision.ALLOWED);
        assertThat(decision("glue:CreateTable", CATALOG + "table/payments/ledger", policy))
                .isEqualTo(Decision.IMPLICITLY_DENIED);
        assertThat(decision("glue:DeleteTable", CATALOG + "table/credit_applications/applications", policy))
                .isEqualTo(Decision.IMPLICITLY_DENIED);
    }

    @Test
    void policy_ofATableWildcardGrant_coversUpdatesOfEveryTableOfTheDatabase() {
        String policy = LakeFormationShares.policy("us-east-1", GOVERNANCE, List.of(grant(PRODUCER,
                Resource.builder().table(t -> t.catalogId(GOVERNANCE).databaseName("credit_applications")
                        .tableWildcard(TableWildcard.builder().build())).build(), "ALTER"))).orElseThrow();

        assertThat(decision("glue:UpdateTable", CATALOG + "table/credit_applications/applications", policy))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decision("glue:CreateTable", CATALOG + "table/credit_applications/applications", policy))
                .isEqualTo(Decision.IMPLICITLY_DENIED);
    }

    @Test
    void policy_withoutCrossAccountGrants_isEmptySoEveryCrossAccountCallIsDenied() {
        var ownRole = grant("arn:aws:iam::" + GOVERNANCE + ":role/SluiceWorker", database("credit_applications"), "ALL");
        var ownAccount = grant(GOVERNANCE, database("credit_applications"), "ALL");

        assertThat(LakeFormationShares.policy("us-east-1", GOVERNANCE, List.of(ownRole, ownAccount))).isEmpty();
        assertThat(decision("glue:GetTable", CATALOG + "table/credit_applications/applications", ""))
                .isEqualTo(Decision.IMPLICITLY_DENIED);
    }

    private static Decision decision(String action, String resource, String resourcePolicy) {
        return evaluator.evaluate(new IamRequest(PRODUCER_WORKER, action, resource, GOVERNANCE, List.of(PRODUCER_POLICY),
                resourcePolicy, Map.of())).decision();
    }

    private static Resource database(String name) {
        return Resource.builder().database(d -> d.catalogId(GOVERNANCE).name(name)).build();
    }

    private static PrincipalResourcePermissions grant(String principal, Resource resource, String... permissions) {
        return PrincipalResourcePermissions.builder().principal(p -> p.dataLakePrincipalIdentifier(principal))
                .resource(resource).permissionsWithStrings(permissions).build();
    }
}
