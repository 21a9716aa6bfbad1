package io.sluice.workflows.identity;

import java.util.Objects;

/**
 * Who a proof of identity belongs to, as STS answered it.
 *
 * @param arn the caller's ARN, e.g. {@code arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_GovernanceOfficer_0a1b/jane}
 * @param account the caller's account id
 * @param userId the caller's unique id ({@code AROA…:session} for a role session)
 * @param person the person: the session name of a role session (SSO puts the user name there), the
 *     user name of an IAM user; compared without case
 * @param verifiedAt when STS answered (ISO-8601)
 */
public record VerifiedPrincipal(String arn, String account, String userId, String person, String verifiedAt) {
    public VerifiedPrincipal {
        Objects.requireNonNull(arn, "arn is null");
        Objects.requireNonNull(account, "account is null");
        Objects.requireNonNull(userId, "userId is null");
        Objects.requireNonNull(person, "person is null");
        Objects.requireNonNull(verifiedAt, "verifiedAt is null");
    }

    /** The principal of {@code arn} answered at {@code verifiedAt}. */
    public static VerifiedPrincipal of(String arn, String account, String userId, String verifiedAt) {
        return new VerifiedPrincipal(arn, account, userId, PrincipalArns.person(arn), verifiedAt);
    }
}
