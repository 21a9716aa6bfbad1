package io.sluice.sandbox.proof;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A botocore service model ({@code service-2.json}): its operations' input shapes and every shape they
 * reach. Immutable apart from a cache of compiled patterns; safe to share between threads.
 */
public final class ServiceModel {
    private final String serviceName;
    private final String apiVersion;
    private final Map<String, String> inputShapeByOperation;
    private final Map<String, Shape> shapes;
    private final Map<String, Pattern> compiledPatterns = new ConcurrentHashMap<>();

    private ServiceModel(String serviceName, String apiVersion, Map<String, String> inputShapeByOperation,
            Map<String, Shape> shapes) {
        this.serviceName = serviceName;
        this.apiVersion = apiVersion;
        this.inputShapeByOperation = inputShapeByOperation;
        this.shapes = shapes;
    }

    /** Reads a parsed {@code service-2.json}; {@code serviceName} is botocore's folder name for the service. */
    static ServiceModel read(String serviceName, String apiVersion, JsonNode model) {
        Objects.requireNonNull(serviceName, "serviceName is null");
        Objects.requireNonNull(apiVersion, "apiVersion is null");
        if (!model.path("operations").isObject() || !model.path("shapes").isObject()) {
            throw new IllegalStateException("the botocore model of " + serviceName + " " + apiVersion
                    + " has no operations or no shapes; is it a service-2.json?");
        }
        var inputs = new LinkedHashMap<String, String>();
        model.get("operations").fields().forEachRemaining(operation -> inputs.put(operation.getKey(),
                operation.getValue().path("input").path("shape").asText("")));
        var shapes = new LinkedHashMap<String, Shape>();
        model.get("shapes").fields().forEachRemaining(shape -> shapes.put(shape.getKey(),
                Shape.read(shape.getKey(), shape.getValue())));
        return new ServiceModel(serviceName, apiVersion, Collections.unmodifiableMap(inputs),
                Collections.unmodifiableMap(shapes));
    }

    /** botocore's folder name for the service, e.g. {@code stepfunctions}. */
    public String serviceName() {
        return serviceName;
    }

    /** The API version folder the model was read from, e.g. {@code 2017-07-24}. */
    public String apiVersion() {
        return apiVersion;
    }

    /** The names of the model's operations, in model order. */
    public Set<String> operations() {
        return inputShapeByOperation.keySet();
    }

    /**
     * The input shape of {@code operationName}, empty when the operation takes no input.
     *
     * @throws IllegalArgumentException if the model has no such operation
     */
    public Optional<Shape> inputShape(String operationName) {
        String inputShape = inputShapeByOperation.get(operationName);
        if (inputShape == null) {
            throw new IllegalArgumentException("the botocore model of " + serviceName + " " + apiVersion
                    + " has no operation " + operationName);
        }
        return inputShape.isEmpty() ? Optional.empty() : Optional.of(shape(inputShape));
    }

    /**
     * The shape named {@code shapeName}.
     *
     * @throws IllegalStateException if the model does not define it, which means the model is broken
     */
    public Shape shape(String shapeName) {
        Shape shape = shapes.get(shapeName);
        if (shape == null) {
            throw new IllegalStateException("the botocore model of " + serviceName + " " + apiVersion
                    + " refers to shape " + shapeName + " but does not define it");
        }
        return shape;
    }

    public Collection<Shape> shapes() {
        return shapes.values();
    }

    /**
     * The shape's pattern compiled by {@code java.util.regex}; compiled once per model.
     *
     * @throws PatternSyntaxException if Java cannot compile the pattern
     * @throws IllegalArgumentException if the shape has no pattern
     */
    public Pattern pattern(Shape shape) {
        String regex = shape.pattern().orElseThrow(
                () -> new IllegalArgumentException(shape + " of " + serviceName + " has no pattern"));
        return compiledPatterns.computeIfAbsent(regex, Pattern::compile);
    }

    @Override
    public String toString() {
        return serviceName + " " + apiVersion;
    }
}
