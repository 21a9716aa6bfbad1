package io.sluice.activities.aws;

import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;

/**
 * An AWS service {@link AwsClients} can build a client for.
 *
 * @param name the service's name in messages, e.g. {@code s3}
 * @param builder makes a fresh builder for the service's synchronous client
 * @param localCustomizer what a builder needs when the client talks to a local stand-in
 */
public record AwsService<B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient>(
        String name, Supplier<B> builder, UnaryOperator<B> localCustomizer) {

    public AwsService {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(builder, "builder is null");
        Objects.requireNonNull(localCustomizer, "localCustomizer is null");
    }

    /** A service whose client needs nothing special for the local stand-in. */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> AwsService<B, C> of(
            String name, Supplier<B> builder) {
        return new AwsService<>(name, builder, UnaryOperator.identity());
    }
}
