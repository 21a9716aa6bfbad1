package io.sluice.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.SearchAttributeKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SluiceSearchAttributesTest {

    @Test
    void clusterRegistrationScript_registersExactlyTheAttributesWorkflowsSet() throws Exception {
        String script = Files.readString(Path.of("..", "deploy", "temporal", "register-search-attributes.sh"));
        var registered = Pattern.compile("^  (Sluice\\w+)=(\\w+)$", Pattern.MULTILINE).matcher(script).results()
                .map(match -> match.group(1) + "=" + match.group(2))
                .toList();

        assertThat(registered).containsExactlyInAnyOrderElementsOf(SluiceSearchAttributes.ALL.stream()
                .map(SluiceSearchAttributesTest::registration)
                .toList());
    }

    private static String registration(SearchAttributeKey<?> key) {
        return key.getName() + "=" + switch (key.getValueType()) {
            case INDEXED_VALUE_TYPE_KEYWORD -> "Keyword";
            case INDEXED_VALUE_TYPE_BOOL -> "Bool";
            default -> key.getValueType().name();
        };
    }
}
