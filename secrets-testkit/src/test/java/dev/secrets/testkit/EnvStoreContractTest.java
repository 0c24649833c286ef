package dev.secrets.testkit;

import dev.secrets.internal.EnvProvider;
import dev.secrets.spi.SecretResolver;
import dev.secrets.spi.StoreConfig;
import dev.secrets.testkit.contract.SecretResolverContract;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

class EnvStoreContractTest extends SecretResolverContract {

    @Override
    protected SecretResolver createResolver(Map<String, byte[]> secrets) {
        Map<String, String> environment = new HashMap<>();
        secrets.forEach((name, value) -> environment.put("SECRETS__" + name.toUpperCase(Locale.ROOT).replace('-', '_'),
                new String(value, StandardCharsets.UTF_8)));
        environment.put("PATH", "/usr/bin");
        return new EnvProvider().create(StoreConfig.builder("env").environment(environment).build());
    }

    /** Accepts only lower-case names without '_', because the variable mapping cannot produce others. */
    @Override
    protected boolean supportsName(String name) {
        return name.equals(name.toLowerCase(Locale.ROOT)) && !name.contains("_");
    }

    @Override
    protected boolean supportsBinaryValues() {
        return false;
    }
}
