package io.sluice.activities.build.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code sagemaker.spark.search_and_edit_0.1}: regular-expression edits of text columns. Patterns
 * are Java regular expressions, which Spark's {@code regexp_replace} and {@code regexp_extract}
 * also use; a missing value stays missing.
 */
final class SearchAndEdit {
    private SearchAndEdit() {}

    static final Set<String> TRANSFORMS = Set.of("Find and replace substring", "Convert regex to missing", "Extract using regex", "Matches prefix");

    static Table apply(FlowNode node, Table table) {
        String operator = node.text(node.parameters(), "operator");
        if (!TRANSFORMS.contains(operator)) {
            throw FlowException.at(node, "search and edit transform '" + operator + "' is not supported in local mode; it runs " + TRANSFORMS);
        }
        JsonNode parameters = node.parameters().path(operator.toLowerCase(Locale.ROOT).replace(' ', '_') + "_parameters");
        Pattern pattern = pattern(node, parameters);
        UnaryOperator<Object> edit = switch (operator) {
            case "Find and replace substring" -> {
                String replacement = parameters.path("replacement").asText("");
                yield value -> pattern.matcher(Table.text(value)).replaceAll(replacement);
            }
            case "Convert regex to missing" -> value -> pattern.matcher(Table.text(value)).matches() ? null : value;
            case "Extract using regex" -> value -> {
                Matcher matcher = pattern.matcher(Table.text(value));
                return matcher.find() ? matcher.group() : "";
            };
            default -> value -> pattern.matcher(Table.text(value)).lookingAt();
        };
        Table result = table;
        for (String column : node.columns(parameters, "input_column")) {
            result = result.mapColumn(node, parameters, column, value -> value == null ? null : edit.apply(value));
        }
        return result;
    }

    private static Pattern pattern(FlowNode node, JsonNode parameters) {
        String pattern = node.text(parameters, parameters.has("pattern") ? "pattern" : "regex");
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw FlowException.at(node, "pattern '" + pattern + "' is not a regular expression: " + e.getDescription());
        }
    }
}
