package io.sluice.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test a running {@link LocalAws} (moto plus registries, accounts seeded) as a parameter.
 * One stack serves the whole test run and is stopped when the run ends; before each test of a
 * class using this extension it is reset to the freshly seeded state.
 */
public final class LocalAwsExtension implements BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalAwsExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        localAws(context).reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == LocalAws.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return localAws(extensionContext);
    }

    private static LocalAws localAws(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("stack", key -> new RunScopedStack(), RunScopedStack.class)
                .localAws;
    }

    /** Closed by JUnit when the run's root context closes. */
    private static final class RunScopedStack implements ExtensionContext.Store.CloseableResource {
        private final LocalAws localAws;

        RunScopedStack() {
            try {
                Path directory = Files.createTempDirectory("sluice-sandbox-");
                localAws = LocalAws.start(directory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            localAws.close();
        }
    }
}
