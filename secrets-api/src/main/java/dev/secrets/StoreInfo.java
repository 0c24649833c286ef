package dev.secrets;

import dev.secrets.spi.StoreCapabilities;

/**
 * A store of a {@link Secrets} chain as callers see it.
 *
 * @param name the store's name, unique within the chain
 * @param type the store type, such as {@code env} or {@code aws}
 * @param capabilities what the store can do, after its decorators (a guarded store is read-only)
 */
public record StoreInfo(String name, String type, StoreCapabilities capabilities) {
}
