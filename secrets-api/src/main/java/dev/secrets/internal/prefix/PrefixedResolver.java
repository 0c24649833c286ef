package dev.secrets.internal.prefix;

import dev.secrets.InvalidSecretNameException;
import dev.secrets.SecretReference;
import dev.secrets.SecretValue;
import dev.secrets.spi.SecretLookup;
import dev.secrets.spi.SecretResolver;
import dev.secrets.spi.SecretStore;
import dev.secrets.spi.StoreCapabilities;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Confines a store to a {@link Prefix}: every reference is read as {@code prefix + name}. A
 * reference that would read outside the prefix fails with {@link InvalidSecretNameException}
 * before the wrapped store is called; in a batch only that reference fails, and the others are
 * read in one call. Thread-safe.
 */
public class PrefixedResolver implements SecretResolver {

    private final SecretResolver delegate;
    final Prefix prefix;

    PrefixedResolver(SecretResolver delegate, Prefix prefix) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    /**
     * Wraps {@code delegate}. The result is a {@link SecretStore} when {@code delegate} is one;
     * its writes and listing then use the prefix too.
     */
    public static PrefixedResolver wrap(SecretResolver delegate, Prefix prefix) {
        if (delegate instanceof SecretStore) {
            return new PrefixedStore((SecretStore) delegate, prefix);
        }
        return new PrefixedResolver(delegate, prefix);
    }

    @Override
    public CompletableFuture<Optional<SecretValue>> resolve(SecretReference reference) {
        SecretReference prefixed;
        try {
            prefixed = prefix.apply(reference);
        } catch (InvalidSecretNameException e) {
            return CompletableFuture.failedFuture(e);
        }
        return delegate.resolve(prefixed);
    }

    @Override
    public CompletableFuture<Map<SecretReference, SecretLookup>> resolveAll(Set<SecretReference> references) {
        Map<SecretReference, SecretLookup> rejected = new HashMap<>();
        Map<SecretReference, SecretReference> originals = new HashMap<>();
        for (SecretReference reference : references) {
            try {
                originals.put(prefix.apply(reference), reference);
            } catch (InvalidSecretNameException e) {
                rejected.put(reference, SecretLookup.failed(e));
            }
        }
        if (originals.isEmpty()) {
            return CompletableFuture.completedFuture(rejected);
        }
        return delegate.resolveAll(Set.copyOf(originals.keySet())).thenApply(results -> {
            Map<SecretReference, SecretLookup> answers = new HashMap<>(rejected);
            results.forEach((prefixed, lookup) -> {
                SecretReference original = originals.get(prefixed);
                if (original != null) {
                    answers.put(original, lookup);
                } else if (lookup.isFound()) {
                    lookup.value().close();
                }
            });
            return answers;
        });
    }

    @Override
    public StoreCapabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "PrefixedResolver[prefix=" + prefix + ", " + delegate + "]";
    }
}
