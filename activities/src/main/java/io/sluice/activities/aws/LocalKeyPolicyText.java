package io.sluice.activities.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * For a local stand-in only: a key created by a CloudFormation template keeps its key policy as
 * the template's structure there, and {@code GetKeyPolicy} answers it as a JSON object where AWS
 * answers the policy's text, which the SDK cannot read. This turns the object back into its text.
 */
final class LocalKeyPolicyText implements ExecutionInterceptor {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
            ExecutionAttributes executionAttributes) {
        Optional<InputStream> body = context.responseBody();
        if (body.isEmpty() || !"GetKeyPolicy".equals(executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
                || !context.httpResponse().isSuccessful()) {
            return body;
        }
        try (InputStream in = body.get()) {
            byte[] bytes = in.readAllBytes();
            var answer = JSON.readTree(bytes);
            if (answer instanceof ObjectNode object && object.path("Policy").isObject()) {
                object.put("Policy", JSON.writeValueAsString(object.get("Policy")));
                bytes = JSON.writeValueAsBytes(object);
            }
            return Optional.of(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the local stand-in's GetKeyPolicy answer", e);
        }
    }
}
