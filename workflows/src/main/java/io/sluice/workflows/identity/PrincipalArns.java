package io.sluice.workflows.identity;

import java.util.Locale;

/**
 * Who an IAM principal ARN names, and whether it matches an approver pattern such as
 * {@code arn:aws:sts::*:assumed-role/AWSReservedSSO_GovernanceOfficer_*}{@code /*}. In a pattern,
 * {@code *} matches any run of characters and {@code ?} one. Everything up to the last {@code /}
 * (partition, account, role or path) is compared exactly; the last segment, the person, without
 * case, as AWS treats user names.
 */
public final class PrincipalArns {
    private PrincipalArns() {}

    /**
     * The person an ARN names: the session name of an assumed role or federated user, the user
     * name of an IAM user, {@code root} for an account's root; the whole ARN otherwise.
     */
    public static String person(String arn) {
        int slash = arn.lastIndexOf('/');
        if (slash >= 0 && slash < arn.length() - 1) {
            return arn.substring(slash + 1);
        }
        int colon = arn.lastIndexOf(':');
        return colon >= 0 && colon < arn.length() - 1 ? arn.substring(colon + 1) : arn;
    }

    /** Whether {@code arn} matches {@code pattern}. */
    public static boolean matches(String pattern, String arn) {
        int patternSlash = pattern.lastIndexOf('/');
        int arnSlash = arn.lastIndexOf('/');
        if (patternSlash < 0 || arnSlash < 0) {
            return patternSlash < 0 && arnSlash < 0 && glob(pattern, arn);
        }
        return glob(pattern.substring(0, patternSlash), arn.substring(0, arnSlash))
                && glob(pattern.substring(patternSlash + 1).toLowerCase(Locale.ROOT),
                        arn.substring(arnSlash + 1).toLowerCase(Locale.ROOT));
    }

    /** Whether {@code text} matches {@code pattern} with {@code *} and {@code ?}, iteratively (no backtracking blow-up). */
    static boolean glob(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
