package io.sluice.client.config;

import java.time.Duration;

/**
 * The {@code aws:} section: limits for AWS API calls.
 *
 * @param apiCallTimeout one API call, including the SDK's own retries (default 2 minutes)
 * @param apiCallAttemptTimeout one HTTP attempt (default 30 seconds)
 * @param callLog a file each worker appends every AWS call to, one JSON object a line (account,
 *     role, operation, the IAM permissions it needs), or empty for none; {@code sluice dev} sets it
 */
public record AwsConfig(Duration apiCallTimeout, Duration apiCallAttemptTimeout, String callLog) {
    public static final AwsConfig DEFAULTS = new AwsConfig(null, null, null);

    public AwsConfig {
        callLog = callLog == null ? "" : callLog;
        apiCallTimeout = positive("apiCallTimeout", apiCallTimeout, Duration.ofMinutes(2));
        apiCallAttemptTimeout = positive("apiCallAttemptTimeout", apiCallAttemptTimeout, Duration.ofSeconds(30));
        if (apiCallAttemptTimeout.compareTo(apiCallTimeout) > 0) {
            throw new IllegalArgumentException("apiCallAttemptTimeout " + apiCallAttemptTimeout
                    + " is longer than apiCallTimeout " + apiCallTimeout + "; expected at most apiCallTimeout");
        }
    }

    private static Duration positive(String key, Duration value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " is " + value + "; expected a positive ISO-8601 duration such as PT30S");
        }
        return value;
    }
}
