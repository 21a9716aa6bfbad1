package io.sluice.sandbox.foundations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Statements Sluice needs in the bucket policy of a bucket a team owns (the producer's data, the
 * dev artifacts): another account's roles read it, and a cross-account read needs the bucket's
 * policy to allow it as well as the reader's own. The team's policy is kept: Sluice's statements
 * are found by their {@code Sid} and replaced or added; nothing is written when they are already
 * there as wanted.
 */
public final class BucketGrants {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One statement: {@code principals} (role ARNs) may do {@code actions} on {@code resources}.
     *
     * @param sid the statement's id, starting with {@code Sluice}
     */
    public record Grant(String sid, List<String> principals, List<String> actions, List<String> resources) {
        public Grant {
            Objects.requireNonNull(sid, "sid is null");
            if (!sid.matches("Sluice[A-Za-z0-9]+")) {
                throw new IllegalArgumentException("sid must be Sluice followed by letters and digits, got '" + sid + "'");
            }
            principals = List.copyOf(principals);
            actions = List.copyOf(actions);
            resources = List.copyOf(resources);
            if (principals.isEmpty() || actions.isEmpty() || resources.isEmpty()) {
                throw new IllegalArgumentException("grant " + sid + " needs principals, actions and resources");
            }
        }

        ObjectNode statement() {
            ObjectNode statement = JSON.createObjectNode().put("Sid", sid).put("Effect", "Allow");
            ArrayNode aws = statement.putObject("Principal").putArray("AWS");
            principals.forEach(aws::add);
            actions.forEach(statement.putArray("Action")::add);
            resources.forEach(statement.putArray("Resource")::add);
            return statement;
        }
    }

    /** What applying the grants to one bucket did. */
    public record Applied(String account, String bucket, boolean changed) {}

    private BucketGrants() {}

    /**
     * Puts {@code grants} into the policy of {@code bucket}, keeping every other statement.
     *
     * @param s3 a client acting in the account that owns the bucket
     */
    public static Applied apply(S3Client s3, String account, String bucket, List<Grant> grants) {
        String existing = policy(s3, bucket);
        String merged = merged(existing, grants);
        if (!existing.isEmpty() && parse(existing).equals(parse(merged))) {
            return new Applied(account, bucket, false);
        }
        s3.putBucketPolicy(put -> put.bucket(bucket).policy(merged));
        return new Applied(account, bucket, true);
    }

    /** {@code existing} (a bucket policy, or empty) with each grant's statement in place of the one with its Sid. */
    static String merged(String existing, List<Grant> grants) {
        ObjectNode document = existing.isEmpty() ? JSON.createObjectNode().put("Version", "2012-10-17") : parse(existing);
        JsonNode current = document.path("Statement");
        List<JsonNode> statements = new java.util.ArrayList<>();
        if (current.isObject()) {
            statements.add(current);
        } else {
            current.forEach(statements::add);
        }
        for (Grant grant : grants) {
            int at = -1;
            for (int i = 0; i < statements.size(); i++) {
                if (grant.sid().equals(statements.get(i).path("Sid").asText())) {
                    at = i;
                }
            }
            if (at < 0) {
                statements.add(grant.statement());
            } else {
                statements.set(at, grant.statement());
            }
        }
        ArrayNode array = document.putArray("Statement");
        statements.forEach(array::add);
        return document.toString();
    }

    private static String policy(S3Client s3, String bucket) {
        try {
            String policy = s3.getBucketPolicy(get -> get.bucket(bucket)).policy();
            return policy == null ? "" : policy;
        } catch (S3Exception e) {
            if ("NoSuchBucketPolicy".equals(e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode())) {
                return "";
            }
            throw e;
        }
    }

    private static ObjectNode parse(String document) {
        try {
            JsonNode node = JSON.readTree(document);
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalArgumentException("the bucket policy is not a JSON object");
            }
            return object;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the bucket policy is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
