package io.sluice.workflows.dataproduct;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An account that consumes the data product: granted on its tables through the product's LF-tags,
 * and given a resource link to the product's database.
 *
 * @param account the consumer account's alias, e.g. {@code dev}
 * @param permissions Lake Formation table permissions (default {@code [SELECT, DESCRIBE]})
 */
public record Consumer(String account, List<String> permissions) {
    /** The Lake Formation permissions a table grant may carry. */
    public static final Set<String> TABLE_PERMISSIONS = Set.of("SELECT", "INSERT", "DELETE", "DESCRIBE", "ALTER", "DROP", "ALL");

    public Consumer {
        account = ProductSpecs.text(account, "");
        if (permissions == null || permissions.isEmpty()) {
            permissions = List.of("SELECT", "DESCRIBE");
        }
        Set<String> normalized = new LinkedHashSet<>();
        for (String permission : permissions) {
            normalized.add(ProductSpecs.text(permission, "").toUpperCase(Locale.ROOT));
        }
        permissions = List.copyOf(normalized);
    }

    /** Checks every value, naming the field that is wrong. */
    public void validate() {
        ProductSpecs.required("consumers.account", account, "the consumer account's alias, e.g. dev");
        for (String permission : permissions) {
            if (!TABLE_PERMISSIONS.contains(permission)) {
                throw new IllegalArgumentException("permissions of consumer " + account + " lists '" + permission
                        + "'; expected some of " + new java.util.TreeSet<>(TABLE_PERMISSIONS));
            }
        }
    }
}
