package io.sluice.workflows.build;

import java.util.Objects;
import java.util.Optional;

/**
 * A build input that names a catalog table, {@code glue://<database>/<table>[?account=<alias>]},
 * with the account whose catalog is read (the build's own when none is named).
 */
public record CatalogTable(String database, String table, String account) {
    public static final String SCHEME = "glue://";
    private static final String ACCOUNT_QUERY = "account=";

    public CatalogTable {
        Objects.requireNonNull(database, "database is null");
        Objects.requireNonNull(table, "table is null");
        Objects.requireNonNull(account, "account is null");
    }

    /** The table {@code input} names, or empty when it is not a {@code glue://} input (an S3 URI). */
    public static Optional<CatalogTable> parse(String input, String buildAccount) {
        if (!input.startsWith(SCHEME)) {
            return Optional.empty();
        }
        String reference = input.substring(SCHEME.length());
        int question = reference.indexOf('?');
        String query = question < 0 ? "" : reference.substring(question + 1);
        String path = question < 0 ? reference : reference.substring(0, question);
        int slash = path.indexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            throw new IllegalArgumentException("input '" + input + "' is not a catalog table; expected glue://<database>/<table>");
        }
        String account = query.startsWith(ACCOUNT_QUERY) ? query.substring(ACCOUNT_QUERY.length()) : buildAccount;
        return Optional.of(new CatalogTable(path.substring(0, slash), path.substring(slash + 1), account));
    }

    /** {@code <database>.<table>}, as Glue and Athena name it. */
    public String qualifiedName() {
        return database + "." + table;
    }
}
