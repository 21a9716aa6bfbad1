package io.sluice.activities.dataproduct;

import io.sluice.activities.aws.AwsCalls;
import io.sluice.activities.aws.AwsFailures;
import io.sluice.activities.aws.AwsOperation;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Glue and Lake Formation calls whose "not found" and "already exists" answers are expected
 * outcomes, not failures; every other error is classified by {@link AwsFailures}.
 */
final class CatalogCalls {
    private CatalogCalls() {}

    /** {@code call}'s result, or empty when the service answers EntityNotFoundException. */
    static <T> Optional<T> ifExists(AwsOperation operation, Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (AwsServiceException e) {
            if (hasCode(e, "EntityNotFoundException")) {
                return Optional.empty();
            }
            throw AwsFailures.classify(e, operation, AwsCalls.attempt());
        } catch (SdkException e) {
            throw AwsFailures.classify(e, operation, AwsCalls.attempt());
        }
    }

    /** Runs {@code create}; false when the service answers AlreadyExistsException (the caller then compares). */
    static boolean create(AwsOperation operation, Runnable create) {
        return AwsCalls.createUnlessExists(operation, () -> {
            create.run();
            return true;
        }, e -> e instanceof AwsServiceException service && hasCode(service, "AlreadyExistsException")).isPresent();
    }

    static boolean hasCode(AwsServiceException e, String code) {
        return e.awsErrorDetails() != null && code.equals(e.awsErrorDetails().errorCode());
    }
}
