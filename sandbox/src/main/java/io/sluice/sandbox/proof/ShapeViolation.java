package io.sluice.sandbox.proof;

import java.util.Objects;

/**
 * A part of a request that breaks a rule of the service's model, so AWS would refuse the request.
 *
 * @param operation the operation, e.g. {@code CreateModelPackage}
 * @param memberPath where the part sits in the request: member names joined by {@code .}, list elements as
 *     {@code [0]}, map values as {@code ['key']} and a map's keys as {@code {key}}, e.g.
 *     {@code InferenceSpecification.Containers[0].Image} or {@code CustomerMetadataProperties['sluice:input:0']};
 *     empty for the request itself
 * @param value the offending value as text, cut after 100 characters and masked for sensitive shapes; empty
 *     when the rule is about a member's presence, a collection's size or a union rather than a value
 * @param constraint the rule, phrased to follow the value, e.g. {@code does not match [a-z]+} or
 *     {@code required member is missing}
 */
public record ShapeViolation(String operation, String memberPath, String value, String constraint) {
    public ShapeViolation {
        Objects.requireNonNull(operation, "operation is null");
        Objects.requireNonNull(memberPath, "memberPath is null");
        Objects.requireNonNull(value, "value is null");
        Objects.requireNonNull(constraint, "constraint is null");
    }

    /** E.g. {@code CreateModel ModelName: value 'a_b' does not match [a-zA-Z0-9]([\-a-zA-Z0-9]*[a-zA-Z0-9])?}. */
    @Override
    public String toString() {
        String subject = memberPath.isEmpty() ? operation : operation + " " + memberPath;
        return subject + ": " + (value.isEmpty() ? constraint : "value '" + value + "' " + constraint);
    }
}
