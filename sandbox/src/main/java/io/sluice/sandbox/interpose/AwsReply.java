package io.sluice.sandbox.interpose;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An HTTP answer as AWS would give it: moto's, rewritten, or made by a rule. The factories give
 * the error shape of each AWS protocol, so the SDK parses the answer as it would a real one.
 *
 * @param status the HTTP status
 * @param headers response headers (Content-Length is set from the body)
 * @param body the response body
 */
public record AwsReply(int status, Map<String, List<String>> headers, byte[] body) {

    public AwsReply {
        headers = Map.copyOf(headers);
    }

    /**
     * An error of the JSON protocols (SageMaker, ECR: JSON 1.1; Step Functions: JSON 1.0; Lake
     * Formation: REST-JSON): {@code __type} and the error shape's message member, whose name
     * differs by service ({@code Message} for SageMaker and Lake Formation, {@code message} for
     * Step Functions and ECR).
     */
    public static AwsReply jsonError(int status, String type, String messageMember, String message) {
        String body = "{\"__type\":\"" + escapeJson(type) + "\",\"" + messageMember + "\":\"" + escapeJson(message) + "\"}";
        return new AwsReply(status, Map.of("Content-Type", List.of("application/x-amz-json-1.1"),
                "x-amzn-ErrorType", List.of(type), "x-amzn-RequestId", List.of(requestId())),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** A successful JSON-protocol answer with this body. */
    public static AwsReply json(String body) {
        return new AwsReply(200, Map.of("Content-Type", List.of("application/x-amz-json-1.1"),
                "x-amzn-RequestId", List.of(requestId())), body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A successful query-protocol answer (CloudFormation, STS) of {@code action} with an empty
     * result, e.g. {@code CancelUpdateStack}.
     */
    public static AwsReply queryEmpty(String action) {
        String body = "<" + action + "Response xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><ResponseMetadata>"
                + "<RequestId>" + requestId() + "</RequestId></ResponseMetadata></" + action + "Response>";
        return new AwsReply(200, Map.of("Content-Type", List.of("text/xml")), body.getBytes(StandardCharsets.UTF_8));
    }

    /** An error of the query protocol (CloudFormation, STS): {@code ErrorResponse/Error/Code}. */
    public static AwsReply queryError(int status, String code, String message) {
        String body = "<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><Error>"
                + "<Type>Sender</Type><Code>" + xml(code) + "</Code><Message>" + xml(message) + "</Message></Error>"
                + "<RequestId>" + requestId() + "</RequestId></ErrorResponse>";
        return new AwsReply(status, Map.of("Content-Type", List.of("text/xml")), body.getBytes(StandardCharsets.UTF_8));
    }

    /** An error of the REST-XML protocol (S3): a bare {@code Error} element. */
    public static AwsReply restXmlError(int status, String code, String message) {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + xml(code) + "</Code><Message>"
                + xml(message) + "</Message><RequestId>" + requestId() + "</RequestId></Error>";
        return new AwsReply(status, Map.of("Content-Type", List.of("application/xml")), body.getBytes(StandardCharsets.UTF_8));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** This answer with {@code text} as its body, other headers kept. */
    public AwsReply withBody(String text) {
        return new AwsReply(status, headers, text.getBytes(StandardCharsets.UTF_8));
    }

    /** This answer with the header set to {@code value}, replacing any value it had. */
    public AwsReply withHeader(String name, String value) {
        Map<String, List<String>> changed = new LinkedHashMap<>();
        headers.forEach((key, values) -> {
            if (!key.equalsIgnoreCase(name)) {
                changed.put(key, values);
            }
        });
        changed.put(name, List.of(value));
        return new AwsReply(status, changed, body);
    }

    /** The first value of the header, or empty. */
    public String header(String name) {
        return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .flatMap(entry -> entry.getValue().stream()).findFirst().orElse("");
    }

    private static String requestId() {
        return UUID.randomUUID().toString();
    }

    private static String escapeJson(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
