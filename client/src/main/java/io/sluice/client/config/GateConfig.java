package io.sluice.client.config;

import io.sluice.workflows.approval.GatePolicy;
import io.sluice.workflows.identity.IdentityMode;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One entry of {@code approvals.gates}.
 *
 * @param approvers who may decide (required): IAM principal ARN patterns, e.g.
 *     {@code arn:aws:sts::*:assumed-role/AWSReservedSSO_GovernanceOfficer_*}{@code /*}, or names
 *     where {@code approvals.identity} is {@code declared}
 * @param needed how many different approvers must approve (default 1)
 * @param allowSelfApproval whether the run's requester may approve it (default false)
 * @param deadline how long the gate waits before it expires (default P7D)
 * @param reminderEvery how often approvers are reminded while it is open (default P1D; PT0S for never)
 */
public record GateConfig(List<String> approvers, Integer needed, Boolean allowSelfApproval, Duration deadline,
        Duration reminderEvery) {

    /** What an approver pattern must look like where decisions are proven: an IAM or STS principal ARN, {@code *} and {@code ?} allowed. */
    private static final Pattern PRINCIPAL_PATTERN = Pattern.compile(
            "arn:(aws|aws-cn|aws-us-gov|\\*):(iam|sts)::[0-9*?]{1,12}:(root|user/\\S+|role/\\S+|assumed-role/\\S+/\\S+|federated-user/\\S+)");

    GatePolicy toPolicy(IdentityMode identity) {
        List<String> names = approvers == null ? List.of() : approvers;
        if (identity == IdentityMode.PROVEN) {
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i) == null || !PRINCIPAL_PATTERN.matcher(names.get(i)).matches()) {
                    throw new IllegalArgumentException("approvers[" + i + "] is '" + names.get(i) + "'; expected an IAM principal"
                            + " ARN pattern such as arn:aws:sts::*:assumed-role/AWSReservedSSO_LeadDataScientist_*/* (an SSO"
                            + " permission set), arn:aws:iam::111122223333:user/jane, or set approvals.identity: declared");
                }
            }
        }
        var policy = new GatePolicy(names, needed == null ? 1 : needed,
                allowSelfApproval != null && allowSelfApproval, deadline == null ? Duration.ofDays(7) : deadline,
                reminderEvery == null ? Duration.ofDays(1) : reminderEvery, identity);
        policy.validate();
        return policy;
    }
}
