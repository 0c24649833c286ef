package dev.secrets.it.support;

import dev.secrets.spi.Failures;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waits for the futures of store operations the way the facade does. */
public final class Await {

    private Await() {
    }

    /** Waits for {@code future} and throws its {@link dev.secrets.SecretException} unwrapped. */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw Failures.toSecretException(e);
        }
    }
}
