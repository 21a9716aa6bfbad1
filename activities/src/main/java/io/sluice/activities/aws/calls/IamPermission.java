package io.sluice.activities.aws.calls;

import java.util.Objects;

/**
 * One IAM action a call needs on one resource.
 *
 * @param action e.g. {@code s3:GetObject}
 * @param resourceArn the resource's ARN, or {@code *} for actions that take no resource
 */
public record IamPermission(String action, String resourceArn) {
    public IamPermission {
        Objects.requireNonNull(action, "action is null");
        Objects.requireNonNull(resourceArn, "resourceArn is null");
    }
}
