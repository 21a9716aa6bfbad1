package io.sluice.workers.config;

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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and writes {@code sluice.yaml}. Reading refuses unknown keys, missing accounts and malformed
 * values, naming the key and what is expected.
 */
public final class ConfigFiles {
    /** The environment variable that names the config file when {@code --config} is not given. */
    public static final String ENVIRONMENT_VARIABLE = "SLUICE_CONFIG";
    /** The file used when neither {@code --config} nor {@link #ENVIRONMENT_VARIABLE} names one. */
    public static final Path DEFAULT_FILE = Path.of("sluice.yaml");
    /** Where {@code sluice dev} writes the local stack's config by default; used when {@link #DEFAULT_FILE} is absent. */
    public static final Path LOCAL_STACK_FILE = Path.of(".sluice", "dev", "local.yaml");

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

    private ConfigFiles() {}

    /**
     * The file to read: {@code explicit} if given, else {@code $SLUICE_CONFIG}, else
     * {@code ./sluice.yaml}, else the local stack's {@code .sluice/dev/local.yaml} if it exists.
     */
    public static Path locate(Path explicit, Map<String, String> environment) {
        if (explicit != null) {
            return explicit;
        }
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment);
        }
        if (!Files.exists(DEFAULT_FILE) && Files.exists(LOCAL_STACK_FILE)) {
            return LOCAL_STACK_FILE;
        }
        return DEFAULT_FILE;
    }

    /** Reads and validates {@code file}. */
    public static SluiceConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file; pass --config FILE or set " + ENVIRONMENT_VARIABLE
                    + " (`sluice dev` writes one for the local stack)", e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(file.toString(), text);
    }

    /** Parses and validates config {@code text}; {@code source} names it in messages. */
    public static SluiceConfig parse(String source, String text) {
        if (text.isBlank()) {
            throw new ConfigException(source + ": the file is empty; expected region, accounts and temporal");
        }
        try {
            return MAPPER.readValue(text, SluiceConfig.class);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new ConfigException(source + ": unknown key '" + path(e) + "'; expected one of: " + known, e);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String at = path(e);
            String message = cause.getMessage();
            throw new ConfigException(source + ": " + (at.isEmpty() || message.startsWith(at + ".") ? "" : at + ".") + message, e);
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

    /** Writes {@code config} to {@code file} as YAML that {@link #read} accepts. */
    public static void write(SluiceConfig config, Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, MAPPER.writeValueAsString(config));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String expectation(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type == java.time.Duration.class) {
            return "an ISO-8601 duration such as PT30S or PT2M";
        }
        if (type == String.class) {
            return "a single value (quote it)";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping of keys to values";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        return "a " + type.getSimpleName();
    }
}
