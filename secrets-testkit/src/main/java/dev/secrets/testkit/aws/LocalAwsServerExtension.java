package dev.secrets.testkit.aws;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that runs a {@link LocalAwsServer} for a test class.
 *
 * <p>Registered on a static field, it starts the server before the first test of the class and
 * stops it after the last. Registered on an instance field, it does the same around each test.
 * Before each test it calls {@link LocalAwsServer#reset()}, so every test starts with no secrets,
 * faults or records.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalAwsServerExtension AWS = new LocalAwsServerExtension();
 *
 * @Test
 * void readsSecret() {
 *     AWS.server().putSecret("db-password", "s3cr3t");
 *     ...
 * }
 * }</pre>
 *
 * <p>Test methods can also declare a {@link LocalAwsServer} parameter.
 */
public final class LocalAwsServerExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private volatile LocalAwsServer server;
    private volatile boolean startedPerTest;

    /** Returns the running server. */
    public LocalAwsServer server() {
        LocalAwsServer running = server;
        if (running == null) {
            throw new IllegalStateException("The local AWS server is not running; register this extension with "
                    + "@RegisterExtension and call server() from a test or a @BeforeEach method.");
        }
        return running;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = LocalAwsServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (server == null) {
            server = LocalAwsServer.start();
            startedPerTest = true;
        }
        server.reset();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (startedPerTest) {
            stop();
            startedPerTest = false;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == LocalAwsServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return server();
    }

    private void stop() {
        LocalAwsServer running = server;
        server = null;
        if (running != null) {
            running.close();
        }
    }
}
