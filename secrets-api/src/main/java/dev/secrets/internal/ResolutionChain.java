package dev.secrets.internal;

import dev.secrets.SecretException;
import dev.secrets.SecretNotFoundException;
import dev.secrets.SecretReference;
import dev.secrets.SecretValue;
import dev.secrets.spi.Failures;
import dev.secrets.spi.SecretLookup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks references up in an ordered list of stores.
 *
 * <ol>
 *   <li>The first store that has a reference returns it.
 *   <li>"Not found" moves on to the next store; any failure stops the lookup of that reference,
 *       so a lower store never returns a value for a name a higher store failed to read.
 *   <li>A reference found nowhere fails with {@link SecretNotFoundException} naming every store
 *       consulted.
 * </ol>
 *
 * <p>References are sent to each store in one batch, without their JSON field; several fields of
 * one secret cost one lookup, and the chain selects each field from the value.
 */
public final class ResolutionChain {

    private static final Logger LOG = LoggerFactory.getLogger(ResolutionChain.class);

    private final List<ConfiguredStore> stores;

    public ResolutionChain(List<ConfiguredStore> stores) {
        this.stores = List.copyOf(stores);
    }

    /** Looks every reference up; the future never fails for a single reference. */
    public CompletableFuture<Map<SecretReference, SecretLookup>> lookupAll(Set<SecretReference> references) {
        return lookupAll(references, (store, bases) -> store.resolver().resolveAll(bases));
    }

    /**
     * Looks every reference up as {@link #lookupAll(Set)} does, but asks each store through
     * {@code read}, for example to bypass its cache.
     */
    public CompletableFuture<Map<SecretReference, SecretLookup>> lookupAll(Set<SecretReference> references,
            StoreRead read) {
        Lookup lookup = new Lookup(references);
        CompletableFuture<Void> steps = CompletableFuture.completedFuture(null);
        for (ConfiguredStore store : stores) {
            steps = steps.thenCompose(ignored -> lookup.askStore(store, read));
        }
        return steps.thenApply(ignored -> lookup.finish());
    }

    /** Reads one batch of references, without JSON fields, from one store of the chain. */
    @FunctionalInterface
    public interface StoreRead {

        CompletableFuture<Map<SecretReference, SecretLookup>> read(ConfiguredStore store,
                Set<SecretReference> references);
    }

    /**
     * Returns the result for one reference when every store consulted can return it without I/O and
     * one of them has the secret, or {@code null} to say the asynchronous path is needed (for a
     * miss, a failure or a "not found anywhere", whose errors that path builds).
     */
    public SecretLookup lookupNow(SecretReference reference) {
        SecretReference base = reference.withoutField();
        for (ConfiguredStore store : stores) {
            if (!(store.resolver() instanceof ImmediateLookup)) {
                return null;
            }
            SecretLookup lookup = ((ImmediateLookup) store.resolver()).lookupNow(base);
            if (lookup == null || lookup.status() == SecretLookup.Status.FAILED) {
                return null;
            }
            if (lookup.isFound()) {
                SecretValue whole = lookup.value();
                if (reference.field().isEmpty() && whole.reference().filter(reference::equals).isPresent()
                        && whole.store().filter(store.name()::equals).isPresent()) {
                    return lookup;
                }
                try {
                    return Lookup.select(store, reference, whole);
                } finally {
                    whole.close();
                }
            }
        }
        return null;
    }

    /** The state of one lookup over the chain. Each step runs after the previous one completed. */
    private static final class Lookup {

        private final Map<SecretReference, List<SecretReference>> pendingByBase = new LinkedHashMap<>();
        private final Map<SecretReference, SecretLookup> results = new HashMap<>();
        private final Map<SecretReference, List<String>> notFoundDetails = new HashMap<>();
        private final List<String> consulted = new ArrayList<>();
        private final Set<SecretReference> requested;

        Lookup(Set<SecretReference> references) {
            this.requested = new LinkedHashSet<>(references);
            for (SecretReference reference : requested) {
                pendingByBase.computeIfAbsent(reference.withoutField(), base -> new ArrayList<>()).add(reference);
            }
        }

        CompletableFuture<Void> askStore(ConfiguredStore store, StoreRead read) {
            if (pendingByBase.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            consulted.add(store.describe());
            Set<SecretReference> bases = Set.copyOf(pendingByBase.keySet());
            CompletableFuture<Map<SecretReference, SecretLookup>> answer;
            try {
                answer = read.read(store, bases);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            return answer.handle((lookups, failure) -> {
                record(store, bases, lookups, failure);
                return null;
            });
        }

        private void record(ConfiguredStore store, Set<SecretReference> bases,
                Map<SecretReference, SecretLookup> lookups, Throwable failure) {
            for (SecretReference base : bases) {
                SecretLookup lookup = failure != null
                        ? SecretLookup.failed(Failures.toSecretException(failure))
                        : lookups.get(base);
                if (lookup == null) {
                    lookup = SecretLookup.failed(new SecretException("Store " + store.describe()
                            + " returned no result for '" + base + "'; this is a bug in the store implementation."));
                }
                apply(store, base, lookup);
            }
        }

        private void apply(ConfiguredStore store, SecretReference base, SecretLookup lookup) {
            switch (lookup.status()) {
                case NOT_FOUND:
                    if (!lookup.detail().isEmpty()) {
                        notFoundDetails.computeIfAbsent(base, b -> new ArrayList<>())
                                .add(store.describe() + ": " + lookup.detail());
                    }
                    return;
                case FAILED:
                    for (SecretReference reference : pendingByBase.remove(base)) {
                        results.put(reference, lookup);
                    }
                    return;
                default:
                    answer(store, base, lookup.value());
            }
        }

        private void answer(ConfiguredStore store, SecretReference base, SecretValue whole) {
            try {
                for (SecretReference reference : pendingByBase.remove(base)) {
                    results.put(reference, select(store, reference, whole));
                }
                LOG.debug("Store {} answered '{}'", store.describe(), base);
            } finally {
                whole.close();
            }
        }

        private static SecretLookup select(ConfiguredStore store, SecretReference reference, SecretValue whole) {
            try {
                SecretValue value = reference.field().isPresent()
                        ? FieldSelection.select(reference, whole, store.name())
                        : whole;
                SecretValue answered = value.withOrigin(reference, store.name());
                if (value != whole) {
                    value.close();
                }
                return SecretLookup.found(answered);
            } catch (SecretException e) {
                return SecretLookup.failed(e);
            }
        }

        Map<SecretReference, SecretLookup> finish() {
            pendingByBase.forEach((base, references) -> {
                for (SecretReference reference : references) {
                    results.put(reference, SecretLookup.failed(notFound(reference, notFoundDetails.get(base))));
                }
            });
            Map<SecretReference, SecretLookup> ordered = new LinkedHashMap<>();
            for (SecretReference reference : requested) {
                ordered.put(reference, results.get(reference));
            }
            return ordered;
        }

        private SecretNotFoundException notFound(SecretReference reference, List<String> details) {
            String detail = details == null ? "" : " Details: " + String.join("; ", details) + ".";
            return new SecretNotFoundException("Secret '" + reference + "' was not found in any store. Stores consulted, "
                    + "in order: " + String.join(", ", consulted) + "." + detail
                    + " Check the name, or add the secret to one of these stores.", consulted, null);
        }
    }
}
