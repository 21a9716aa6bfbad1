package io.sluice.sandbox.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/** Holds every request class of the SDK the build uses to the member names of the installed models. */
class SdkMembersTest {
    /** One pass over a service's request classes and every structure they reach. */
    private static final class Survey {
        private final ServiceModel model;
        private final Set<String> visitedShapes = new HashSet<>();
        final Set<String> renamed = new TreeSet<>();
        final Set<String> unmatched = new TreeSet<>();

        Survey(ServiceModel model) {
            this.model = model;
        }

        void structure(List<SdkField<?>> fields, Shape shape) {
            if (shape.isDocument() || !visitedShapes.add(shape.name())) {
                return;
            }
            for (SdkField<?> field : fields) {
                var member = SdkMembers.memberOf(field, shape);
                String where = model.serviceName() + " " + shape.name() + "." + field.memberName();
                if (member.isEmpty()) {
                    unmatched.add(where);
                    continue;
                }
                if (!member.get().equals(field.memberName())) {
                    renamed.add(where + " -> " + member.get());
                }
                field(field, model.shape(shape.members().get(member.get()).shape()));
            }
        }

        private void field(SdkField<?> field, Shape shape) {
            if (field.marshallingType() == MarshallingType.SDK_POJO) {
                structure(field.constructor().get().sdkFields(), shape);
            } else if (field.marshallingType() == MarshallingType.LIST) {
                field(field.getTrait(ListTrait.class).memberFieldInfo(), model.shape(shape.listMember().orElseThrow()));
            } else if (field.marshallingType() == MarshallingType.MAP) {
                field(field.getTrait(MapTrait.class).valueFieldInfo(), model.shape(shape.mapValue().orElseThrow()));
            }
        }
    }

    @Test
    void everySdkRequestField_isAModelMemberByNameOrWireName_apartFromTheS3CopySourceParts() throws Exception {
        Set<String> renamed = new TreeSet<>();
        Set<String> unmatched = new TreeSet<>();
        int requestClasses = 0;
        for (String folder : BotocoreServiceNames.folders()) {
            ServiceModel model = ServiceModels.forService(folder);
            var survey = new Survey(model);
            for (String operation : model.operations()) {
                Optional<Class<?>> requestClass = sdkRequestClass(folder, operation);
                Optional<Shape> input = model.inputShape(operation);
                if (requestClass.isEmpty() || input.isEmpty()) {
                    continue;
                }
                var builder = (SdkPojo) requestClass.get().getMethod("builder").invoke(null);
                survey.structure(builder.sdkFields(), input.get());
                requestClasses++;
            }
            renamed.addAll(survey.renamed);
            unmatched.addAll(survey.unmatched);
        }

        assertThat(requestClasses).isGreaterThan(1000);
        assertThat(renamed).containsExactly(
                "cloudformation ListStacksInput.stackStatusFilters -> StackStatusFilter",
                "s3 CopyObjectRequest.DestinationBucket -> Bucket",
                "s3 CopyObjectRequest.DestinationKey -> Key",
                "s3 UploadPartCopyRequest.DestinationBucket -> Bucket",
                "s3 UploadPartCopyRequest.DestinationKey -> Key");
        assertThat(unmatched).containsExactly(
                "s3 CopyObjectRequest.SourceBucket",
                "s3 CopyObjectRequest.SourceKey",
                "s3 CopyObjectRequest.SourceVersionId",
                "s3 UploadPartCopyRequest.SourceBucket",
                "s3 UploadPartCopyRequest.SourceKey",
                "s3 UploadPartCopyRequest.SourceVersionId");
    }

    /** The SDK's request class of an operation; empty for operations newer than the SDK. */
    private static Optional<Class<?>> sdkRequestClass(String folder, String operation) {
        String name = "software.amazon.awssdk.services." + BotocoreServiceNames.sdkPackageOf(folder) + ".model."
                + operation + "Request";
        try {
            return Optional.of(Class.forName(name));
        } catch (ClassNotFoundException newerThanTheSdk) {
            return Optional.empty();
        }
    }
}
