package dev.secrets.it.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Prints, after a test class, how many exchanges it checked with
 * {@link Bounded#assertThrowsWithin}, so a run's output gives the figures of docs/reliability.md.
 */
public final class ExchangeReport implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ExchangeReport.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put("calls", Bounded.calls());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        int before = context.getStore(NAMESPACE).get("calls", Integer.class);
        System.out.println("FAULTS " + context.getRequiredTestClass().getSimpleName() + ": "
                + (Bounded.calls() - before) + " hostile exchanges checked");
    }
}
