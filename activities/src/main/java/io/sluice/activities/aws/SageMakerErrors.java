package io.sluice.activities.aws;

import java.util.Locale;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/** How SageMaker says a resource is missing or already there: its error codes are not uniform. */
public final class SageMakerErrors {
    private SageMakerErrors() {}

    /** SageMaker answers a missing resource with ValidationException or ResourceNotFound. */
    public static boolean notFound(SageMakerException e) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return "ResourceNotFound".equals(code) || e.statusCode() == 404
                || ("ValidationException".equals(code) && (message.contains("does not exist") || message.contains("not found")
                        || message.contains("could not find")));
    }

    public static boolean alreadyExists(SageMakerException e) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return "ResourceInUse".equals(code) || message.contains("already exists");
    }
}
