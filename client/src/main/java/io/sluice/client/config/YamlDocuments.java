package io.sluice.client.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * YAML documents (config, specs) read into records. Every error becomes a {@link ConfigException}
 * naming the document, the key's path and what is expected: unknown keys, values of the wrong
 * shape, and what the records' constructors refuse (the config's records check their values
 * there; specs, which cross Temporal, are checked by their {@code validate()} after reading).
 */
public final class YamlDocuments {
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();

    private YamlDocuments() {}

    /** Parses {@code text} into {@code type}; {@code source} names the document in messages. */
    public static <T> T parse(String source, String text, Class<T> type) {
        try {
            T value = MAPPER.readValue(text, type);
            if (value == null) {
                throw new ConfigException(source + ": the document is empty");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new ConfigException(source + ": unknown key '" + path(e) + "'; expected one of: " + known, e);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ConfigException(source + ": " + qualified(path(e), cause.getMessage()), e);
        } catch (InvalidFormatException e) {
            throw new ConfigException(source + ": " + path(e) + " is '" + e.getValue() + "'; expected "
                    + expectation(e.getTargetType()), e);
        } catch (MismatchedInputException e) {
            String at = path(e);
            throw new ConfigException(source + ": " + (at.isEmpty() ? "the document" : at) + " has the wrong shape; expected "
                    + expectation(e.getTargetType()), e);
        } catch (JsonMappingException e) {
            throw new ConfigException(source + ": " + path(e) + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            throw new ConfigException(source + ": not valid YAML" + (location == null ? "" : " at line " + location.getLineNr())
                    + ": " + e.getOriginalMessage(), e);
        }
    }

    /** {@code value} as YAML that {@link #parse} reads back. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as YAML", e);
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    /**
     * A record's message qualified by where the record sits: records name their own fields, and
     * some (spec sections) already start with their own key.
     */
    private static String qualified(String at, String message) {
        if (at.isEmpty() || message.startsWith(at + ".")) {
            return message;
        }
        int dot = at.lastIndexOf('.');
        String own = at.substring(dot + 1);
        if (message.startsWith(own + ".")) {
            return at.substring(0, dot + 1) + message;
        }
        return at + "." + message;
    }

    private static String expectation(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type == java.time.Duration.class) {
            return "an ISO-8601 duration such as PT30S or PT2M";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (type == String.class) {
            return "a single value (quote it)";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping of keys to values";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a " + type.getSimpleName();
    }
}
