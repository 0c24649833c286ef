package dev.secrets.benchmarks;

import java.util.List;

/**
 * One contender of the benchmarks: a way to read a secret by name, built over a Secrets Manager
 * client. Each read returns what that library hands its caller, so returned objects differ: a
 * {@code SecretValue}, a {@code String} or a {@code byte[]}.
 *
 * <p>Implementations are thread-safe.
 */
public interface SecretReader extends AutoCloseable {

    /** Reads secret {@code name} and returns the library's result, which must not be null. */
    Object read(String name);

    /**
     * Reads every name, the way the library reads several secrets at start-up. By default, one
     * {@link #read} after another.
     */
    default void readAll(List<String> names) {
        for (String name : names) {
            read(name);
        }
    }

    /** Releases the caches and threads of this contender; never closes the client it was given. */
    @Override
    void close();
}
