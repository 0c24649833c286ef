package dev.secrets.internal;

import dev.secrets.SecretReference;
import dev.secrets.spi.SecretLookup;

/**
 * A resolver that can sometimes answer without I/O: from memory, a cache hit, or its
 * configuration. The chain tries this first for a single reference, so a cache hit costs no
 * future, no executor hand-off and no batch maps.
 */
public interface ImmediateLookup {

    /**
     * Returns the answer for {@code reference} (without a JSON field) if it is available at once,
     * or {@code null} when an asynchronous lookup is needed. Never blocks and never does I/O.
     */
    SecretLookup lookupNow(SecretReference reference);
}
