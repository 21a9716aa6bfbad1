package io.sluice.workers;

import io.sluice.activities.approval.ApprovalSettings;
import io.sluice.activities.aws.AwsSettings;
import io.sluice.activities.promotion.CopySettings;
import io.sluice.client.config.ApprovalsConfig;
import io.sluice.client.config.CopyConfig;
import io.sluice.client.config.SluiceConfig;

/** The settings activities take, from the config file's sections. */
public final class ActivitySettings {
    private ActivitySettings() {}

    /** What the AWS client factory needs: region, accounts, call limits, the local endpoint and call log. */
    public static AwsSettings aws(SluiceConfig config) {
        return new AwsSettings(config.region(), config.awsAccounts(), config.aws().apiCallTimeout(),
                config.aws().apiCallAttemptTimeout(), config.local().awsEndpoint(), config.aws().callLog());
    }

    /** How promotion copies S3 artifacts and images. */
    public static CopySettings copy(CopyConfig copy) {
        return new CopySettings(copy.multipartThresholdMib() * CopySettings.MIB, copy.partSizeMib() * CopySettings.MIB,
                copy.concurrency(), copy.imageBlobsAtOnce());
    }

    /** What the approval activities need. */
    public static ApprovalSettings approvals(ApprovalsConfig approvals) {
        return new ApprovalSettings(approvals.policies(), approvals.webhookUrl());
    }
}
