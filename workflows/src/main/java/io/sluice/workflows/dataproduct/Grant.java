package io.sluice.workflows.dataproduct;

import java.util.List;
import java.util.Objects;

/**
 * A Lake Formation grant as the governance catalog lists it.
 *
 * @param principal the grantee, e.g. an account id
 * @param account the grantee's account alias when it is one Sluice knows, else empty
 * @param resourceType {@code DATABASE}, {@code TABLE}, {@code DATA_LOCATION} or {@code LF_TAG_POLICY}
 * @param resource what is granted on, in words, e.g. {@code tables of credit_applications} or
 *     {@code TABLE where domain=credit}
 * @param permissions the permissions, sorted
 */
public record Grant(String principal, String account, String resourceType, String resource, List<String> permissions) {
    public Grant {
        Objects.requireNonNull(principal, "principal is null");
        Objects.requireNonNull(account, "account is null");
        Objects.requireNonNull(resourceType, "resourceType is null");
        Objects.requireNonNull(resource, "resource is null");
        permissions = permissions.stream().sorted().toList();
    }

    @Override
    public String toString() {
        return (account.isEmpty() ? principal : account + " (" + principal + ")") + ": " + String.join(", ", permissions)
                + " on " + resource;
    }
}
