package io.sluice.sandbox.proof;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Checks an AWS SDK request against the input shape of its operation in AWS's own service model, as botocore
 * ships it (see {@link ServiceModels}), and lists what AWS would refuse that a local emulator may accept.
 *
 * <p>Checked: required members are set; strings against {@code enum}, length ({@code min}/{@code max} in
 * characters) and {@code pattern}, which must match the whole value under {@code java.util.regex}; numbers
 * against {@code min}/{@code max}; blobs, lists and maps against their size bounds; list elements, map keys and
 * map values against their own shapes; nested structures likewise; a union has exactly one member set. A pattern
 * Java cannot compile is reported as a violation, never skipped.
 *
 * <p>An SDK field is the model member of the same name, or else of the same wire name ({@code locationName}),
 * which covers the few members the SDK renames. Model members the SDK lacks are only checked for presence when
 * required; SDK fields the model lacks are not sent as such and are left out. Stateless apart from the shared
 * model cache; safe to call from many threads.
 */
public final class RequestShapeValidator {
    private static final int SHOWN_CHARACTERS = 100;
    private static final int LISTED_ENUM_VALUES = 12;

    private RequestShapeValidator() {}

    /**
     * The violations of {@code request}, structure by structure in the SDK's field order; empty when the model
     * accepts it, and for operations that take no input.
     *
     * @param sdkServiceName the service as the SDK names it in {@code SdkExecutionAttribute.SERVICE_NAME},
     *     e.g. {@code SageMaker} or {@code Sfn}
     * @param operationName the operation as in {@code SdkExecutionAttribute.OPERATION_NAME}
     * @throws IllegalArgumentException if the service is not mapped to a botocore model, or its model has no such
     *     operation
     * @throws IllegalStateException if the model cannot be found or read
     */
    public static List<ShapeViolation> validate(String sdkServiceName, String operationName, SdkPojo request) {
        Objects.requireNonNull(sdkServiceName, "sdkServiceName is null");
        Objects.requireNonNull(operationName, "operationName is null");
        Objects.requireNonNull(request, "request is null");
        ServiceModel model = ServiceModels.forService(BotocoreServiceNames.folderOf(sdkServiceName));
        var walk = new Walk(model, operationName);
        model.inputShape(operationName).ifPresent(input -> walk.structure("", request, input));
        return List.copyOf(walk.violations);
    }

    /** One pass over one request, collecting its violations. */
    private static final class Walk {
        private final ServiceModel model;
        private final String operation;
        private final List<ShapeViolation> violations = new ArrayList<>();

        Walk(ServiceModel model, String operation) {
            this.model = model;
            this.operation = operation;
        }

        private void value(String path, Object value, Shape shape) {
            switch (shape.type()) {
                case "structure" -> structure(path, value, shape);
                case "list" -> list(path, value, shape);
                case "map" -> map(path, value, shape);
                case "string" -> string(path, value, shape);
                case "blob" -> blob(path, value, shape);
                case "integer", "long", "float", "double" -> number(path, value, shape);
                default -> { }
            }
        }

        private void structure(String path, Object value, Shape shape) {
            if (shape.isDocument()) {
                return;
            }
            if (!(value instanceof SdkPojo pojo)) {
                unexpectedType(path, value, shape);
                return;
            }
            Map<String, Object> set = SdkMembers.setMembers(pojo, shape);
            for (String required : shape.required()) {
                if (!set.containsKey(required)) {
                    violation(join(path, required), "", "required member is missing");
                }
            }
            if (shape.isUnion() && set.size() != 1) {
                violation(path, "", "sets " + set.size() + " members of union " + shape.name()
                        + "; exactly one must be set");
            }
            set.forEach((member, memberValue) -> value(join(path, member), memberValue,
                    model.shape(shape.members().get(member).shape())));
        }

        private void list(String path, Object value, Shape shape) {
            if (!(value instanceof List<?> list)) {
                unexpectedType(path, value, shape);
                return;
            }
            size(path, list.size(), "elements", shape);
            Shape element = model.shape(shape.listMember().orElseThrow(() -> broken(shape, "member")));
            for (int index = 0; index < list.size(); index++) {
                if (list.get(index) != null) {
                    value(path + "[" + index + "]", list.get(index), element);
                }
            }
        }

        private void map(String path, Object value, Shape shape) {
            if (!(value instanceof Map<?, ?> map)) {
                unexpectedType(path, value, shape);
                return;
            }
            size(path, map.size(), "entries", shape);
            Shape key = model.shape(shape.mapKey().orElseThrow(() -> broken(shape, "key")));
            Shape entryValue = model.shape(shape.mapValue().orElseThrow(() -> broken(shape, "value")));
            map.forEach((entryKey, mapValue) -> {
                value(path + "{key}", entryKey, key);
                if (mapValue != null) {
                    value(path + "['" + entryKey + "']", mapValue, entryValue);
                }
            });
        }

        private void string(String path, Object value, Shape shape) {
            if (!(value instanceof String string)) {
                if (shape.hasConstraints()) {
                    unexpectedType(path, value, shape);
                }
                return;
            }
            String shown = shown(string, shape);
            if (!shape.enumValues().isEmpty() && !shape.enumValues().contains(string)) {
                violation(path, shown, "is not one of " + enumDescription(shape));
            }
            int length = string.codePointCount(0, string.length());
            shape.min().filter(min -> min.compareTo(BigDecimal.valueOf(length)) > 0).ifPresent(min -> violation(
                    path, shown, "is " + length + " characters long, shorter than the minimum of " + plain(min)));
            shape.max().filter(max -> max.compareTo(BigDecimal.valueOf(length)) < 0).ifPresent(max -> violation(
                    path, shown, "is " + length + " characters long, longer than the maximum of " + plain(max)));
            if (shape.pattern().isPresent()) {
                pattern(path, string, shown, shape);
            }
        }

        private void pattern(String path, String string, String shown, Shape shape) {
            Pattern pattern;
            try {
                pattern = model.pattern(shape);
            } catch (PatternSyntaxException e) {
                violation(path, shown, "cannot be checked: the pattern " + e.getPattern() + " of " + shape.name()
                        + " does not compile in java.util.regex (" + e.getDescription() + ")");
                return;
            }
            if (!pattern.matcher(string).matches()) {
                violation(path, shown, "does not match " + pattern.pattern());
            }
        }

        private void blob(String path, Object value, Shape shape) {
            if (!(value instanceof SdkBytes bytes)) {
                unexpectedType(path, value, shape);
                return;
            }
            int length = bytes.asByteArrayUnsafe().length;
            shape.min().filter(min -> min.compareTo(BigDecimal.valueOf(length)) > 0).ifPresent(min -> violation(
                    path, "", "is " + length + " bytes long, shorter than the minimum of " + plain(min)));
            shape.max().filter(max -> max.compareTo(BigDecimal.valueOf(length)) < 0).ifPresent(max -> violation(
                    path, "", "is " + length + " bytes long, longer than the maximum of " + plain(max)));
        }

        private void number(String path, Object value, Shape shape) {
            if (!(value instanceof Number number)) {
                unexpectedType(path, value, shape);
                return;
            }
            if (shape.min().isEmpty() && shape.max().isEmpty()) {
                return;
            }
            if ((number instanceof Double || number instanceof Float) && !Double.isFinite(number.doubleValue())) {
                violation(path, number.toString(), "is not a finite number, which " + shape.name() + " bounds");
                return;
            }
            BigDecimal decimal = number instanceof BigDecimal exact ? exact : new BigDecimal(number.toString());
            shape.min().filter(min -> min.compareTo(decimal) > 0).ifPresent(
                    min -> violation(path, number.toString(), "is less than the minimum of " + plain(min)));
            shape.max().filter(max -> max.compareTo(decimal) < 0).ifPresent(
                    max -> violation(path, number.toString(), "is more than the maximum of " + plain(max)));
        }

        private void size(String path, int size, String noun, Shape shape) {
            shape.min().filter(min -> min.compareTo(BigDecimal.valueOf(size)) > 0).ifPresent(min -> violation(
                    path, "", "has " + size + " " + noun + ", fewer than the minimum of " + plain(min)));
            shape.max().filter(max -> max.compareTo(BigDecimal.valueOf(size)) < 0).ifPresent(max -> violation(
                    path, "", "has " + size + " " + noun + ", more than the maximum of " + plain(max)));
        }

        private void unexpectedType(String path, Object value, Shape shape) {
            violation(path, shown(String.valueOf(value), shape), "cannot be checked: the model's " + shape.type()
                    + " shape " + shape.name() + " does not take a " + value.getClass().getName());
        }

        private void violation(String path, String value, String constraint) {
            violations.add(new ShapeViolation(operation, path, value, constraint));
        }

        private IllegalStateException broken(Shape shape, String part) {
            return new IllegalStateException("the botocore model " + model + " gives " + shape + " no " + part);
        }
    }

    private static String join(String path, String member) {
        return path.isEmpty() ? member : path + "." + member;
    }

    private static String shown(String value, Shape shape) {
        int length = value.codePointCount(0, value.length());
        if (shape.isSensitive()) {
            return "*** sensitive, " + length + " characters ***";
        }
        if (length <= SHOWN_CHARACTERS) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, SHOWN_CHARACTERS)) + "… (" + length + " characters)";
    }

    private static String enumDescription(Shape shape) {
        List<String> values = shape.enumValues();
        if (values.size() <= LISTED_ENUM_VALUES) {
            return shape.name() + " " + values;
        }
        return "the " + values.size() + " values of " + shape.name();
    }

    private static String plain(BigDecimal bound) {
        return bound.stripTrailingZeros().toPlainString();
    }
}
