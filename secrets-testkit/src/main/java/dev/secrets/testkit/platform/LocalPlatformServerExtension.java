package dev.secrets.testkit.platform;

import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that starts a {@link LocalPlatformServer} before the first test of a class
 * and stops it after the last. Tests that must not share secrets create a workspace each.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalPlatformServerExtension PLATFORM = new LocalPlatformServerExtension();
 *
 * @Test
 * void resolvesSecret() {
 *     Workspace workspace = PLATFORM.server().createWorkspace();
 *     ...
 * }
 * }</pre>
 *
 * <p>Test methods can also declare a {@link LocalPlatformServer} parameter.
 */
public final class LocalPlatformServerExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private final Supplier<LocalPlatformServer> starter;
    private volatile LocalPlatformServer server;

    /** Creates an extension that starts a server with the defaults. */
    public LocalPlatformServerExtension() {
        this(LocalPlatformServer::start);
    }

    /**
     * Creates an extension that starts its server from {@code builder}, for example with a given
     * built-in store factory or environment.
     */
    public LocalPlatformServerExtension(LocalPlatformServer.Builder builder) {
        this(Objects.requireNonNull(builder, "builder")::start);
    }

    private LocalPlatformServerExtension(Supplier<LocalPlatformServer> starter) {
        this.starter = starter;
    }

    /**
     * Returns the running server.
     *
     * @throws IllegalStateException outside the lifetime of the test class
     */
    public LocalPlatformServer server() {
        LocalPlatformServer running = server;
        if (running == null) {
            throw new IllegalStateException("The local platform server is not running; register this extension "
                    + "on a static field with @RegisterExtension and call server() from a test.");
        }
        return running;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = starter.get();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        LocalPlatformServer running = server;
        server = null;
        if (running != null) {
            running.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == LocalPlatformServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return server();
    }
}
