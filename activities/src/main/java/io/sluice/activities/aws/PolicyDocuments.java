package io.sluice.activities.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Resource policies that Sluice shares with their owners: Sluice adds or replaces only its own
 * statements (found by {@code Sid}) and keeps every other statement as it is.
 */
public final class PolicyDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyDocuments() {}

    /**
     * {@code existing} (a policy document, or empty for none) with {@code statement} in place of the
     * statement with the same {@code Sid}, or added when there is none.
     *
     * @throws IllegalArgumentException if {@code existing} is not a policy document, or the statement has no Sid
     */
    public static String withStatement(String existing, ObjectNode statement) {
        String sid = statement.path("Sid").asText("");
        if (sid.isEmpty()) {
            throw new IllegalArgumentException("a statement Sluice merges into a policy needs a Sid");
        }
        ObjectNode document = existing == null || existing.isBlank() ? newDocument() : parse(existing);
        ArrayNode statements = JSON.createArrayNode();
        JsonNode current = document.path("Statement");
        if (current.isObject()) {
            statements.add(current);
        } else if (current.isArray()) {
            current.forEach(statements::add);
        }
        ArrayNode merged = JSON.createArrayNode();
        boolean replaced = false;
        for (JsonNode each : statements) {
            if (sid.equals(each.path("Sid").asText(null))) {
                if (!replaced) {
                    merged.add(statement);
                    replaced = true;
                }
            } else {
                merged.add(each);
            }
        }
        if (!replaced) {
            merged.add(statement);
        }
        document.set("Statement", merged);
        return document.toString();
    }

    /** Whether two policy documents say the same, whatever their spacing and key order. */
    public static boolean same(String one, String other) {
        if (one == null || other == null || one.isBlank() || other.isBlank()) {
            return (one == null || one.isBlank()) && (other == null || other.isBlank());
        }
        return parse(one).equals(parse(other));
    }

    /** A new statement node to fill in. */
    public static ObjectNode statement(String sid) {
        return JSON.createObjectNode().put("Sid", sid).put("Effect", "Allow");
    }

    private static ObjectNode newDocument() {
        return JSON.createObjectNode().put("Version", "2012-10-17");
    }

    private static ObjectNode parse(String document) {
        try {
            JsonNode node = JSON.readTree(document);
            if (!node.isObject()) {
                throw new IllegalArgumentException("the existing policy is not a JSON object: " + abbreviate(document));
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the existing policy is not JSON: " + abbreviate(document), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }
}
