package dev.secrets.spi;

/**
 * The operations and limits of a store.
 *
 * @param readOnly whether writes are rejected; external stores are always read-only
 * @param maxBatchSize the most references the store resolves in one backend call; 1 means no
 *     batching
 * @param versions whether the store keeps versions that references can select
 */
public record StoreCapabilities(boolean readOnly, int maxBatchSize, boolean versions) {

    public StoreCapabilities {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, was " + maxBatchSize);
        }
    }

    /** A read-only store without batching or versions. */
    public static final StoreCapabilities READ_ONLY = new StoreCapabilities(true, 1, false);

    /** A writable store without batching or versions. */
    public static final StoreCapabilities READ_WRITE = new StoreCapabilities(false, 1, false);

    public StoreCapabilities withReadOnly(boolean value) {
        return new StoreCapabilities(value, maxBatchSize, versions);
    }

    public StoreCapabilities withMaxBatchSize(int value) {
        return new StoreCapabilities(readOnly, value, versions);
    }

    public StoreCapabilities withVersions(boolean value) {
        return new StoreCapabilities(readOnly, maxBatchSize, value);
    }
}
