package dev.secrets.testkit;

import dev.secrets.internal.ConfigProvider;
import dev.secrets.spi.SecretResolver;
import dev.secrets.spi.StoreConfig;
import dev.secrets.testkit.contract.SecretResolverContract;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

class ConfigStoreContractTest extends SecretResolverContract {

    @Override
    protected SecretResolver createResolver(Map<String, byte[]> secrets) {
        Map<String, String> values = new LinkedHashMap<>();
        secrets.forEach((name, value) -> values.put(name, new String(value, StandardCharsets.UTF_8)));
        return new ConfigProvider().create(StoreConfig.builder("config").option("values", values).build());
    }

    @Override
    protected boolean supportsBinaryValues() {
        return false;
    }
}
