package io.sluice.workflows.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrincipalArnsTest {
    static final String OFFICERS = "arn:aws:sts::*:assumed-role/AWSReservedSSO_GovernanceOfficer_*/*";

    @Test
    void ssoPermissionSetPattern_matchesEveryPersonOfThatPermissionSetInAnyAccount() {
        assertThat(PrincipalArns.matches(OFFICERS,
                "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_GovernanceOfficer_0a1b2c3d4e5f6789/jane")).isTrue();
        assertThat(PrincipalArns.matches(OFFICERS,
                "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Analyst_0a1b2c3d4e5f6789/jane")).isFalse();
        assertThat(PrincipalArns.matches(OFFICERS, "arn:aws:iam::111122223333:user/jane")).isFalse();
    }

    @Test
    void roleAndPathPart_isExact_personPart_ignoresCase() {
        String pattern = "arn:aws:sts::111122223333:assumed-role/Approvers/Jane@Example.com";
        assertThat(PrincipalArns.matches(pattern, "arn:aws:sts::111122223333:assumed-role/Approvers/jane@example.com")).isTrue();
        assertThat(PrincipalArns.matches(pattern, "arn:aws:sts::111122223333:assumed-role/approvers/jane@example.com")).isFalse();
        assertThat(PrincipalArns.matches(pattern, "arn:aws:sts::111122223333:assumed-role/Approvers/jane@example.co")).isFalse();
    }

    @Test
    void person_isTheSessionNameOrUserName() {
        assertThat(PrincipalArns.person("arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_X_1/jane@example.com"))
                .isEqualTo("jane@example.com");
        assertThat(PrincipalArns.person("arn:aws:iam::111122223333:user/team/omar")).isEqualTo("omar");
        assertThat(PrincipalArns.person("arn:aws:iam::111122223333:root")).isEqualTo("root");
    }

    @Test
    void glob_handlesStarsAndQuestionMarks() {
        assertThat(PrincipalArns.glob("a*b?d", "aXXbcd")).isTrue();
        assertThat(PrincipalArns.glob("a*b?d", "abd")).isFalse();
        assertThat(PrincipalArns.glob("*", "")).isTrue();
        assertThat(PrincipalArns.glob("a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac")).isFalse();
    }

    @Test
    void bindingDigest_differsForEveryField() {
        var base = new ProofBinding("deploy/a", "production-approval", "APPROVE", "ok", "n");
        assertThat(base.digest()).hasSize(64).isEqualTo(new ProofBinding("deploy/a", "production-approval", "APPROVE", "ok", "n").digest());
        assertThat(new ProofBinding("deploy/b", "production-approval", "APPROVE", "ok", "n").digest()).isNotEqualTo(base.digest());
        assertThat(new ProofBinding("deploy/a", "model-approval", "APPROVE", "ok", "n").digest()).isNotEqualTo(base.digest());
        assertThat(new ProofBinding("deploy/a", "production-approval", "REJECT", "ok", "n").digest()).isNotEqualTo(base.digest());
        assertThat(new ProofBinding("deploy/a", "production-approval", "APPROVE", "ok!", "n").digest()).isNotEqualTo(base.digest());
        assertThat(new ProofBinding("deploy/a", "production-approval", "APPROVE", "ok", "m").digest()).isNotEqualTo(base.digest());
        assertThat(new ProofBinding("deploy/a", "production-approvalA", "PPROVE", "ok", "n").digest()).isNotEqualTo(base.digest());
    }
}
