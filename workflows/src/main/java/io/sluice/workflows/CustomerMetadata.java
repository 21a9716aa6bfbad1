package io.sluice.workflows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * SageMaker's rules for a model package's {@code CustomerMetadataProperties}: at most 50 entries;
 * keys of 1 to 128 and values of 1 to 256 characters, each only letters, digits, spaces and
 * {@code _ . : / = + - @}. Checked before a write, so a run fails with the entry named rather than
 * with AWS's {@code ValidationException} after the work that led to it.
 */
public final class CustomerMetadata {
    public static final int MAX_ENTRIES = 50;
    public static final int MAX_KEY_LENGTH = 128;
    public static final int MAX_VALUE_LENGTH = 256;
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
    private static final String EXPECTED = "letters, digits, spaces and _ . : / = + - @";

    private CustomerMetadata() {}

    /** Every rule {@code metadata} breaks, each naming the entry; empty when AWS accepts it. */
    public static List<String> problems(Map<String, String> metadata) {
        List<String> problems = new ArrayList<>();
        if (metadata.size() > MAX_ENTRIES) {
            problems.add(metadata.size() + " customer metadata entries; at most " + MAX_ENTRIES + " are allowed");
        }
        new TreeMap<>(metadata).forEach((key, value) -> {
            check("key", key, key, MAX_KEY_LENGTH, problems);
            check("value of", key, value, MAX_VALUE_LENGTH, problems);
        });
        return problems;
    }

    private static void check(String what, String key, String text, int maxLength, List<String> problems) {
        if (text.isEmpty() || text.length() > maxLength || !ALLOWED.matcher(text).matches()) {
            problems.add("customer metadata " + what + " '" + key + "' is '" + text + "'; expected 1 to " + maxLength
                    + " characters, only " + EXPECTED);
        }
    }
}
