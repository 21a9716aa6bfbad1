package io.sluice.workflows;

import io.temporal.testing.TestWorkflowExtension;

/**
 * The one way workflow tests get a Temporal test environment: Temporal's JUnit 5 extension, with
 * Sluice's search attributes registered and the given workflow implementations on its worker. It
 * prints the environment's histories when a test fails and closes the environment after each
 * test. The worker is not started, so a test registers its fakes first (in its
 * {@code @BeforeEach}, which gets the environment and the worker as parameters) and then starts it.
 */
public final class SluiceTestWorkflows {
    private SluiceTestWorkflows() {}

    public static TestWorkflowExtension extension(Class<?>... workflowImplementations) {
        var builder = TestWorkflowExtension.newBuilder()
                .registerWorkflowImplementationTypes(workflowImplementations)
                .setDoNotStart(true);
        SluiceSearchAttributes.ALL.forEach(key -> builder.registerSearchAttribute(key.getName(), key.getValueType()));
        return builder.build();
    }
}
