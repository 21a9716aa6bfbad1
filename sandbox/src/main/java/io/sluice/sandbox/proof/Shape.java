package io.sluice.sandbox.proof;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One shape of a botocore service model, read once and immutable.
 *
 * <p>{@link #min()} and {@link #max()} are bounds on the value for numeric shapes ({@code integer},
 * {@code long}, {@code float}, {@code double}); for {@code string} they bound the length in characters,
 * for {@code blob} the length in bytes, for {@code list} and {@code map} the number of elements.
 */
public final class Shape {
    /**
     * A member of a structure shape.
     *
     * @param name the member's name in the model
     * @param shape the name of the member's target shape
     * @param locationName the name the member has on the wire (a header, query or XML name); the member's
     *     name when the model gives none
     */
    public record Member(String name, String shape, String locationName) {
        public Member {
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(shape, "shape is null");
            Objects.requireNonNull(locationName, "locationName is null");
        }
    }

    private final String name;
    private final String type;
    private final Map<String, Member> members;
    private final Set<String> required;
    private final List<String> enumValues;
    private final String pattern;
    private final BigDecimal min;
    private final BigDecimal max;
    private final String listMember;
    private final String mapKey;
    private final String mapValue;
    private final boolean union;
    private final boolean document;
    private final boolean sensitive;

    private Shape(String name, JsonNode definition) {
        this.name = name;
        this.type = definition.path("type").asText();
        this.members = readMembers(definition.path("members"));
        this.required = Collections.unmodifiableSet(new LinkedHashSet<>(readStrings(definition.path("required"))));
        this.enumValues = List.copyOf(readStrings(definition.path("enum")));
        this.pattern = definition.hasNonNull("pattern") ? definition.get("pattern").asText() : null;
        this.min = definition.hasNonNull("min") ? definition.get("min").decimalValue() : null;
        this.max = definition.hasNonNull("max") ? definition.get("max").decimalValue() : null;
        this.listMember = definition.path("member").path("shape").asText(null);
        this.mapKey = definition.path("key").path("shape").asText(null);
        this.mapValue = definition.path("value").path("shape").asText(null);
        this.union = definition.path("union").asBoolean(false);
        this.document = definition.path("document").asBoolean(false);
        this.sensitive = definition.path("sensitive").asBoolean(false);
    }

    static Shape read(String name, JsonNode definition) {
        return new Shape(name, definition);
    }

    private static Map<String, Member> readMembers(JsonNode members) {
        var read = new LinkedHashMap<String, Member>();
        members.fields().forEachRemaining(entry -> {
            JsonNode member = entry.getValue();
            read.put(entry.getKey(), new Member(entry.getKey(), member.path("shape").asText(),
                    member.path("locationName").asText(entry.getKey())));
        });
        return Collections.unmodifiableMap(read);
    }

    private static List<String> readStrings(JsonNode array) {
        var strings = new ArrayList<String>();
        array.forEach(element -> strings.add(element.asText()));
        return strings;
    }

    public String name() {
        return name;
    }

    /** The botocore type: structure, list, map, string, integer, long, float, double, boolean, blob, timestamp. */
    public String type() {
        return type;
    }

    /** The members of a structure, in model order; empty for other types. */
    public Map<String, Member> members() {
        return members;
    }

    /** The names of the members a structure requires, in model order. */
    public Set<String> required() {
        return required;
    }

    /** The values a string shape allows; empty when it allows any. */
    public List<String> enumValues() {
        return enumValues;
    }

    /** The regular expression a string must match as a whole. */
    public Optional<String> pattern() {
        return Optional.ofNullable(pattern);
    }

    public Optional<BigDecimal> min() {
        return Optional.ofNullable(min);
    }

    public Optional<BigDecimal> max() {
        return Optional.ofNullable(max);
    }

    /** The element shape of a list. */
    public Optional<String> listMember() {
        return Optional.ofNullable(listMember);
    }

    /** The key shape of a map. */
    public Optional<String> mapKey() {
        return Optional.ofNullable(mapKey);
    }

    /** The value shape of a map. */
    public Optional<String> mapValue() {
        return Optional.ofNullable(mapValue);
    }

    /** Whether this structure is a union: exactly one of its members must be set. */
    public boolean isUnion() {
        return union;
    }

    /** Whether this structure stands for an open JSON document, which the model does not constrain. */
    public boolean isDocument() {
        return document;
    }

    /** Whether values of this shape are secrets that must not be echoed. */
    public boolean isSensitive() {
        return sensitive;
    }

    /** Whether the shape constrains the content of a value, beyond its type. */
    public boolean hasConstraints() {
        return pattern != null || min != null || max != null || !enumValues.isEmpty();
    }

    @Override
    public String toString() {
        return name + " (" + type + ")";
    }
}
