package dev.secrets.cli;

import dev.secrets.SecretMetadata;
import dev.secrets.SecretName;
import dev.secrets.SecretValue;
import dev.secrets.platform.ExternalStoreSpec;
import dev.secrets.platform.ListStoresResponse;
import dev.secrets.platform.PlatformClient;
import dev.secrets.platform.SecretDetails;
import dev.secrets.platform.SecretStoreDetails;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A platform workspace, managed over HTTP through {@link PlatformClient}. */
final class PlatformTarget implements SecretTarget {

    private final PlatformClient client;

    private PlatformTarget(PlatformClient client) {
        this.client = client;
    }

    /** The form of platform workspace ids. */
    private static final java.util.regex.Pattern WORKSPACE_ID = java.util.regex.Pattern.compile("t-[a-z0-9]{8}");

    static PlatformTarget open(String endpoint, String userKey, String workspace) {
        if (workspace != null && !WORKSPACE_ID.matcher(workspace).matches()) {
            throw new UsageException("Invalid workspace id '" + workspace + "': workspace ids are 't-' followed by "
                    + "8 characters from a-z and 0-9, such as t-abcd1234. secrets serve prints the id of its workspace.");
        }
        PlatformClient client;
        try {
            client = PlatformClient.builder().endpoint(endpoint).userKey(userKey).workspaceId(workspace).build();
        } catch (IllegalArgumentException e) {
            throw new UsageException("Invalid platform settings: " + e.getMessage());
        }
        return new PlatformTarget(client);
    }

    @Override
    public String describe() {
        return "platform " + client.endpoint() + ", workspace " + client.workspaceId();
    }

    @Override
    public SecretMetadata add(SecretName name, byte[] value) {
        try (SecretValue secret = SecretValue.of(value)) {
            String id = client.addSecret(name.value(), secret);
            return new SecretMetadata(name, id, Optional.empty(), Optional.empty());
        }
    }

    @Override
    public SecretMetadata update(String nameOrId, byte[] value) {
        SecretDetails existing = client.findSecret(nameOrId);
        try (SecretValue secret = SecretValue.of(value)) {
            client.updateSecret(existing.id(), secret);
        }
        return toMetadata(existing);
    }

    @Override
    public SecretName delete(String nameOrId) {
        SecretDetails existing = client.findSecret(nameOrId);
        client.removeSecret(existing.id());
        return SecretName.of(existing.name());
    }

    @Override
    public List<SecretMetadata> list(Optional<String> store) {
        List<SecretDetails> secrets = store.isPresent()
                ? client.listSecrets(client.findStore(store.get()).id())
                : client.listSecrets();
        List<SecretMetadata> rows = new ArrayList<>();
        for (SecretDetails secret : secrets) {
            rows.add(toMetadata(secret));
        }
        rows.sort((a, b) -> a.name().compareTo(b.name()));
        return rows;
    }

    @Override
    public String addAwsStore(AwsStoreSettings settings) {
        ExternalStoreSpec.Builder spec = ExternalStoreSpec.builder("aws")
                .option("region", settings.region())
                .option("assumed_role_arn", settings.assumedRoleArn());
        settings.prefix().ifPresent(prefix -> spec.option("prefix", prefix));
        settings.externalId().ifPresent(externalId -> spec.option("external_id", externalId));
        settings.endpoint().ifPresent(endpoint -> spec.option("endpoint", endpoint));
        settings.name().ifPresent(spec::name);
        return client.addExternalStore(spec.build());
    }

    @Override
    public List<StoreRow> listStores() {
        ListStoresResponse response = client.listStores();
        List<StoreRow> rows = new ArrayList<>();
        for (SecretStoreDetails store : response.stores()) {
            String type = SecretStoreDetails.BUILTIN_TYPE.equals(store.type()) ? "built-in" : store.type();
            rows.add(new StoreRow(store.id(), store.name(), type, store.id().equals(response.defaultStoreId())));
        }
        return rows;
    }

    @Override
    public void setDefaultStore(String store) {
        client.selectStore(client.findStore(store).id());
    }

    @Override
    public void deleteStore(String store) {
        client.deleteExternalStore(client.findStore(store).id());
    }

    @Override
    public void close() {
        client.close();
    }

    private static SecretMetadata toMetadata(SecretDetails secret) {
        return new SecretMetadata(SecretName.of(secret.name()), secret.id(), Optional.empty(),
                parseTime(secret.lastUpdated()));
    }

    /** Parses a platform timestamp; one without a zone offset is taken as UTC. */
    private static Optional<Instant> parseTime(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notLocal) {
                return Optional.empty();
            }
        }
    }
}
