package io.sluice.activities.aws.calls;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What AWS does as a role a call handed over (a job's or a model's execution role), and the
 * permissions that role needs for it.
 */
public record OnBehalf(String principalArn, List<IamPermission> permissions, Map<String, List<String>> context) {
    public OnBehalf {
        Objects.requireNonNull(principalArn, "principalArn is null");
        permissions = List.copyOf(Objects.requireNonNull(permissions, "permissions is null"));
        context = Map.copyOf(Objects.requireNonNull(context, "context is null"));
    }
}
