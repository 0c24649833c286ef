package dev.secrets.internal;

import dev.secrets.spi.SecretResolver;

/**
 * One store of a chain: the resolver with its decorators, its name and type, and whether the
 * chain created it (and so closes it) or the caller passed it in.
 */
public record ConfiguredStore(String name, String type, SecretResolver resolver, boolean owned) {

    /** The type shown for resolvers that the caller created and passed in. */
    public static final String CUSTOM_TYPE = "custom";

    /** Returns {@code name (type)}, or only the name where the type adds nothing, as messages show a store. */
    public String describe() {
        return name.equals(type) || CUSTOM_TYPE.equals(type) ? name : name + " (" + type + ")";
    }
}
