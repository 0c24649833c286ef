package dev.secrets.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The description of an external store for {@link PlatformClient#addExternalStore(ExternalStoreSpec)}:
 * a store type, its options, an optional display name, and whether it becomes the workspace's
 * default.
 *
 * <pre>{@code
 * ExternalStoreSpec aws = ExternalStoreSpec.builder("aws")
 *         .name("prod")
 *         .option("region", "eu-west-1")
 *         .option("assumed_role_arn", "arn:aws:iam::123456789012:role/secrets-read")
 *         .option("prefix", "tenzir/")
 *         .makeDefault(true)
 *         .build();
 * }</pre>
 *
 * <p>Option names are the platform's, in snake case. {@link #toString()} shows option names but
 * not their values, which may be credentials. Instances are immutable and thread-safe.
 */
public final class ExternalStoreSpec {

    private final String type;
    private final String name;
    private final Map<String, String> options;
    private final boolean makeDefault;

    private ExternalStoreSpec(Builder builder) {
        this.type = builder.type;
        this.name = builder.name;
        this.options = Map.copyOf(builder.options);
        this.makeDefault = builder.makeDefault;
    }

    /** Returns a builder for a store of {@code type}, such as {@code aws}. */
    public static Builder builder(String type) {
        return new Builder(type);
    }

    public String type() {
        return type;
    }

    /** Returns the display name, or empty to let the platform choose one. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    public Map<String, String> options() {
        return options;
    }

    /** Returns whether the new store becomes the workspace's default store. */
    public boolean makeDefault() {
        return makeDefault;
    }

    @Override
    public String toString() {
        return "ExternalStoreSpec[type=" + type + ", name=" + name + ", options=" + new TreeSet<>(options.keySet())
                + ", makeDefault=" + makeDefault + "]";
    }

    /** Builds an {@link ExternalStoreSpec}. Not thread-safe. */
    public static final class Builder {

        private final String type;
        private String name;
        private final Map<String, String> options = new LinkedHashMap<>();
        private boolean makeDefault;

        private Builder(String type) {
            Objects.requireNonNull(type, "type");
            if (type.isBlank()) {
                throw new IllegalArgumentException("type must not be blank");
            }
            this.type = type;
        }

        /** Sets the display name. By default, none, and the platform chooses one. */
        public Builder name(String value) {
            Objects.requireNonNull(value, "name");
            if (value.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            this.name = value;
            return this;
        }

        /** Sets one option, such as {@code region}. */
        public Builder option(String key, String value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            options.put(key, value);
            return this;
        }

        /** Sets every entry of {@code values} as an option. */
        public Builder options(Map<String, String> values) {
            values.forEach(this::option);
            return this;
        }

        /** Sets whether nodes read from the new store from now on. By default, false. */
        public Builder makeDefault(boolean value) {
            this.makeDefault = value;
            return this;
        }

        public ExternalStoreSpec build() {
            return new ExternalStoreSpec(this);
        }
    }
}
