package dev.secrets.spi;

import dev.secrets.SecretConfigurationException;
import dev.secrets.internal.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;

/**
 * The options of one configured store, and the context it runs in (environment, time, executor).
 *
 * <p>Options are a tree of strings, numbers, booleans, lists and maps, as read from JSON or YAML.
 * Read them through the typed accessors: each one checks the type and range and throws
 * {@link SecretConfigurationException} naming the option's path (for example
 * {@code stores[2].cache.ttl}). Every option a provider reads, present or not, counts as known, and
 * {@link #rejectUnknownKeys()} then rejects the rest, so a misspelt option is never ignored.
 *
 * <p>{@link #toString()} shows the type, name and option names, never option values, because
 * values can be tokens or secrets.
 *
 * <pre>{@code
 * StoreConfig config = StoreConfig.builder("aws")
 *         .option("region", "eu-west-1")
 *         .option("prefix", "tenzir/")
 *         .build();
 * }</pre>
 */
public final class StoreConfig {

    private final String type;
    private final String name;
    private final String path;
    private final Map<String, Object> options;
    private final Set<String> knownKeys = Collections.synchronizedSet(new LinkedHashSet<>());
    private final Map<String, StoreConfig> sections = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, String> environment;
    private final TimeSource timeSource;
    private final Executor executor;

    private StoreConfig(String type, String name, String path, Map<String, Object> options,
            Map<String, String> environment, TimeSource timeSource, Executor executor) {
        this.type = type;
        this.name = name;
        this.path = path;
        this.options = options;
        this.environment = environment;
        this.timeSource = timeSource;
        this.executor = executor;
    }

    /** Returns a builder for a store of {@code type}. */
    public static Builder builder(String type) {
        return new Builder(type);
    }

    /** Returns a copy of this configuration for another context; option reads are not copied. */
    public StoreConfig withContext(String newPath, Map<String, String> newEnvironment, TimeSource newTimeSource,
            Executor newExecutor) {
        return new StoreConfig(type, name, newPath, options, Map.copyOf(newEnvironment), newTimeSource, newExecutor);
    }

    /** Returns the store type, such as {@code aws}. */
    public String type() {
        return type;
    }

    /** Returns the store's name: the {@code name} option, or the type when none was given. */
    public String name() {
        return name;
    }

    /** Returns where this configuration came from, such as {@code stores[2]}, for messages. */
    public String path() {
        return path;
    }

    /** Returns the environment variables the store may read; injectable for tests. */
    public Map<String, String> environment() {
        return environment;
    }

    public TimeSource timeSource() {
        return timeSource;
    }

    /** Returns the executor for blocking work; owned by the caller, never shut down by a store. */
    public Executor executor() {
        return executor;
    }

    /** Returns the option names present, in their configured order. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(options.keySet());
    }

    /** Returns whether option {@code key} is present, and marks it as known. */
    public boolean has(String key) {
        knownKeys.add(key);
        return options.containsKey(key);
    }

    /** Returns a string option. */
    public Optional<String> string(String key) {
        Object value = read(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String)) {
            throw invalid(key, "expected a string but found " + describeType(value));
        }
        return Optional.of((String) value);
    }

    /** Returns a string option that must be present and not blank. */
    public String requireString(String key) {
        String value = string(key).orElseThrow(() -> missing(key));
        if (value.isBlank()) {
            throw invalid(key, "must not be empty");
        }
        return value;
    }

    /** Returns a boolean option, or {@code defaultValue} when absent. */
    public boolean bool(String key, boolean defaultValue) {
        Object value = read(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Boolean)) {
            throw invalid(key, "expected true or false but found " + describeType(value));
        }
        return (Boolean) value;
    }

    /**
     * Returns an integer option in {@code [min, max]}, or {@code defaultValue} when absent.
     *
     * @throws SecretConfigurationException if the value is not an integer or is out of range
     */
    public long integer(String key, long defaultValue, long min, long max) {
        Object value = read(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte)) {
            throw invalid(key, "expected a whole number but found " + describeType(value));
        }
        long number = ((Number) value).longValue();
        if (number < min || number > max) {
            throw invalid(key, "is " + number + " but must be between " + min + " and " + max);
        }
        return number;
    }

    /**
     * Returns a duration option in {@code [min, max]}. Durations are written as a number with a
     * unit ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d}) or in ISO-8601
     * ({@code PT5M}).
     *
     * @throws SecretConfigurationException if the value cannot be parsed or is out of range
     */
    public Optional<Duration> duration(String key, Duration min, Duration max) {
        Object value = read(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String)) {
            throw invalid(key, "expected a duration such as '30s', '5m' or '1h' but found " + describeType(value));
        }
        Duration duration;
        try {
            duration = Durations.parse((String) value);
        } catch (IllegalArgumentException e) {
            throw invalid(key, e.getMessage());
        }
        if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            throw invalid(key, "is " + Durations.format(duration) + " but must be between "
                    + Durations.format(min) + " and " + Durations.format(max));
        }
        return Optional.of(duration);
    }

    /** Returns a map of string values, such as the {@code values} of a {@code config} store. */
    public Map<String, String> stringMap(String key) {
        Object value = read(key);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map)) {
            throw invalid(key, "expected a map of names to strings but found " + describeType(value));
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
            if (!(entry.getValue() instanceof String)) {
                throw new SecretConfigurationException("Invalid configuration at " + path + "." + key + "."
                        + entry.getKey() + ": expected a string but found " + describeType(entry.getValue())
                        + ". Quote the value in YAML.");
            }
            result.put(String.valueOf(entry.getKey()), (String) entry.getValue());
        }
        return Collections.unmodifiableMap(result);
    }

    /** Returns a list of strings. */
    public List<String> stringList(String key) {
        Object value = read(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List)) {
            throw invalid(key, "expected a list of strings but found " + describeType(value));
        }
        List<String> result = new ArrayList<>();
        for (Object item : (List<?>) value) {
            if (!(item instanceof String)) {
                throw invalid(key, "expected a list of strings but an item is " + describeType(item));
            }
            result.add((String) item);
        }
        return List.copyOf(result);
    }

    /**
     * Returns a nested section, such as {@code cache}, as its own configuration whose path is this
     * one's plus the key. Unknown keys inside it are rejected with the parent's.
     */
    public Optional<StoreConfig> section(String key) {
        Object value = read(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map)) {
            throw invalid(key, "expected a map of options but found " + describeType(value));
        }
        StoreConfig section = sections.computeIfAbsent(key, k -> new StoreConfig(type, name, path + "." + k,
                toOptions((Map<?, ?>) value, path + "." + k), environment, timeSource, executor));
        return Optional.of(section);
    }

    /**
     * Rejects options that no accessor read, here and in every section that was read.
     *
     * @throws SecretConfigurationException naming each unknown key and the keys this store type
     *     accepts
     */
    public void rejectUnknownKeys() {
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(knownKeys);
        if (!unknown.isEmpty()) {
            throw new SecretConfigurationException("Unknown configuration key" + (unknown.size() == 1 ? " " : "s ")
                    + String.join(", ", unknown.stream().map(k -> path + "." + k).toList())
                    + " for store type '" + type + "'. Known keys here: " + String.join(", ", new TreeSet<>(knownKeys))
                    + ". Check the spelling.");
        }
        List<StoreConfig> read;
        synchronized (sections) {
            read = List.copyOf(sections.values());
        }
        read.forEach(StoreConfig::rejectUnknownKeys);
    }

    /** Returns an exception for an invalid value of {@code key}, naming its path. */
    public SecretConfigurationException invalid(String key, String problem) {
        return new SecretConfigurationException("Invalid configuration at " + path + "." + key + ": " + problem + ".");
    }

    /** Returns an exception for a missing required {@code key}, naming its path. */
    public SecretConfigurationException missing(String key) {
        return new SecretConfigurationException("Missing configuration key " + path + "." + key
                + " (required for store type '" + type + "').");
    }

    @Override
    public String toString() {
        return "StoreConfig[path=" + path + ", type=" + type + ", name=" + name + ", keys=" + options.keySet() + "]";
    }

    private Object read(String key) {
        Objects.requireNonNull(key, "key");
        knownKeys.add(key);
        Object value = options.get(key);
        if (value == null && options.containsKey(key)) {
            throw invalid(key, "has no value (YAML reads 'key:' with nothing after it as null); give it a value, "
                    + "or remove the key to use the default");
        }
        return value;
    }

    private static String describeType(Object value) {
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Map) {
            return "a map";
        }
        if (value instanceof List) {
            return "a list";
        }
        return value == null ? "null" : value.getClass().getSimpleName();
    }

    private static Map<String, Object> toOptions(Map<?, ?> raw, String path) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : raw.entrySet()) {
            if (!(entry.getKey() instanceof String)) {
                throw new SecretConfigurationException("Invalid configuration at " + path + ": key "
                        + entry.getKey() + " is not a string.");
            }
            if (entry.getValue() == null) {
                throw new SecretConfigurationException("Invalid configuration at " + path + "." + entry.getKey()
                        + ": has no value (YAML reads 'key:' with nothing after it as null); give it a value, "
                        + "or remove the key to use the default.");
            }
            copy.put((String) entry.getKey(), entry.getValue());
        }
        return Collections.unmodifiableMap(copy);
    }

    /** Builds a {@link StoreConfig}. Not thread-safe. */
    public static final class Builder {

        private final String type;
        private String name;
        private String path;
        private final Map<String, Object> options = new LinkedHashMap<>();
        private Map<String, String> environment = Map.of();
        private TimeSource timeSource = TimeSource.system();
        private Executor executor = Runnable::run;

        private Builder(String type) {
            this.type = Objects.requireNonNull(type, "type");
            if (type.isBlank()) {
                throw new IllegalArgumentException("type must not be blank");
            }
        }

        /** Sets the store's name. By default, the name is the type. */
        public Builder name(String value) {
            this.name = Objects.requireNonNull(value, "name");
            return this;
        }

        /** Sets the path shown in messages. By default, {@code store '<name>'}. */
        public Builder path(String value) {
            this.path = Objects.requireNonNull(value, "path");
            return this;
        }

        /** Sets one option: a string, number, boolean, list or map. */
        public Builder option(String key, Object value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            if ("type".equals(key) || "name".equals(key)) {
                throw new IllegalArgumentException("set '" + key + "' through builder(type) and name(...), not option()");
            }
            options.put(key, value);
            return this;
        }

        /** Sets every entry of {@code values} as an option. */
        public Builder options(Map<String, ?> values) {
            values.forEach(this::option);
            return this;
        }

        /**
         * Sets the environment variables the store may read. By default, none. The facade passes
         * the process environment unless its builder sets another.
         */
        public Builder environment(Map<String, String> value) {
            this.environment = Map.copyOf(value);
            return this;
        }

        /** Sets the time source. By default, {@link TimeSource#system()}. */
        public Builder timeSource(TimeSource value) {
            this.timeSource = Objects.requireNonNull(value, "timeSource");
            return this;
        }

        /** Sets the executor for blocking work. By default, the calling thread. */
        public Builder executor(Executor value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        public StoreConfig build() {
            String storeName = name == null ? type : name;
            String storePath = path == null ? "store '" + storeName + "'" : path;
            return new StoreConfig(type, storeName, storePath, toOptions(options, storePath), environment,
                    timeSource, executor);
        }
    }
}
