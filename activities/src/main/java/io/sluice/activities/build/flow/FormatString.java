package io.sluice.activities.build.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * {@code sagemaker.spark.format_string_0.1}: text transforms of one or more columns. Each transform
 * reads its parameters from {@code <transform in snake case>_parameters} (e.g.
 * {@code lower_case_parameters}); a missing value stays missing; a non-text value is formatted as
 * its text.
 */
final class FormatString {
    private FormatString() {}

    static Table apply(FlowNode node, Table table) {
        String operator = node.text(node.parameters(), "operator");
        JsonNode parameters = node.parameters().path(parametersKey(operator));
        UnaryOperator<String> format = format(node, operator, parameters);
        Table result = table;
        for (String column : node.columns(parameters, "input_column")) {
            result = result.mapColumn(node, parameters, column, value -> Table.missing(value) && !(value instanceof String)
                    ? value : format.apply(Table.text(value)));
        }
        return result;
    }

    /** The transforms this class runs. */
    static final java.util.Set<String> TRANSFORMS = java.util.Set.of("Lower case", "Upper case", "Capitalize", "Swap case",
            "Left pad", "Right pad", "Center", "Strip left", "Strip right", "Strip left and right", "Prepend zeros",
            "Add prefix", "Add suffix", "Remove symbols");

    private static UnaryOperator<String> format(FlowNode node, String operator, JsonNode parameters) {
        return switch (operator) {
            case "Lower case" -> text -> text.toLowerCase(Locale.ROOT);
            case "Upper case" -> text -> text.toUpperCase(Locale.ROOT);
            case "Capitalize" -> text -> text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1).toLowerCase(Locale.ROOT);
            case "Swap case" -> FormatString::swapCase;
            case "Left pad" -> pad(node, parameters, true);
            case "Right pad" -> pad(node, parameters, false);
            case "Center" -> center(node, parameters);
            case "Strip left" -> strip(parameters, true, false);
            case "Strip right" -> strip(parameters, false, true);
            case "Strip left and right" -> strip(parameters, true, true);
            case "Prepend zeros" -> {
                int length = length(node, parameters);
                yield text -> text.length() >= length ? text : "0".repeat(length - text.length()) + text;
            }
            case "Add prefix" -> {
                String prefix = parameters.path("prefix").asText("");
                yield text -> prefix + text;
            }
            case "Add suffix" -> {
                String suffix = parameters.path("suffix").asText("");
                yield text -> text + suffix;
            }
            case "Remove symbols" -> removeSymbols(parameters.path("symbols").asText(""));
            default -> throw FlowException.at(node, "format string transform '" + operator + "' is not supported in local mode");
        };
    }

    private static String parametersKey(String operator) {
        return operator.toLowerCase(Locale.ROOT).replace(' ', '_') + "_parameters";
    }

    private static String swapCase(String text) {
        StringBuilder swapped = new StringBuilder(text.length());
        text.codePoints().forEach(c -> swapped.appendCodePoint(Character.isUpperCase(c) ? Character.toLowerCase(c)
                : Character.isLowerCase(c) ? Character.toUpperCase(c) : c));
        return swapped.toString();
    }

    private static int length(FlowNode node, JsonNode parameters) {
        JsonNode length = parameters.path("length");
        if (!length.canConvertToInt() || length.asInt() < 0) {
            throw FlowException.at(node, "parameter 'length' is missing; expected a whole number of characters");
        }
        return length.asInt();
    }

    /** Spark's lpad and rpad: pads to {@code length}, and cuts text longer than that to it. */
    private static UnaryOperator<String> pad(FlowNode node, JsonNode parameters, boolean left) {
        int length = length(node, parameters);
        String fill = fill(parameters);
        return text -> {
            if (text.length() >= length) {
                return text.substring(0, length);
            }
            String padding = fill.repeat(length).substring(0, length - text.length());
            return left ? padding + text : text + padding;
        };
    }

    /** Python's str.center: the fill split around the text, the odd character on the right. */
    private static UnaryOperator<String> center(FlowNode node, JsonNode parameters) {
        int length = length(node, parameters);
        String fill = fill(parameters);
        return text -> {
            if (text.length() >= length) {
                return text;
            }
            int total = length - text.length();
            int leftCount = total / 2 + (total & length & 1);
            return fill.repeat(leftCount) + text + fill.repeat(total - leftCount);
        };
    }

    private static String fill(JsonNode parameters) {
        String fill = parameters.path("fill_character").asText(" ");
        return fill.isEmpty() ? " " : fill.substring(0, 1);
    }

    /** Strips whitespace, or the characters of {@code characters_to_remove} when given. */
    private static UnaryOperator<String> strip(JsonNode parameters, boolean left, boolean right) {
        String characters = parameters.path("characters_to_remove").asText("");
        return text -> {
            int start = 0;
            int end = text.length();
            while (left && start < end && stripped(text.charAt(start), characters)) {
                start++;
            }
            while (right && end > start && stripped(text.charAt(end - 1), characters)) {
                end--;
            }
            return text.substring(start, end);
        };
    }

    private static boolean stripped(char c, String characters) {
        return characters.isEmpty() ? Character.isWhitespace(c) : characters.indexOf(c) >= 0;
    }

    /** Removes each of {@code symbols}; with none given, everything that is not a letter, digit or space. */
    private static UnaryOperator<String> removeSymbols(String symbols) {
        return text -> {
            StringBuilder kept = new StringBuilder(text.length());
            text.codePoints().filter(c -> symbols.isEmpty() ? Character.isLetterOrDigit(c) || Character.isWhitespace(c)
                    : symbols.indexOf(c) < 0).forEach(kept::appendCodePoint);
            return kept.toString();
        };
    }
}
