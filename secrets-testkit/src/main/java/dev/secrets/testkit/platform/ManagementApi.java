package dev.secrets.testkit.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.secrets.SecretName;
import dev.secrets.SecretValue;
import dev.secrets.platform.AddExternalStoreResponse;
import dev.secrets.platform.AddSecretResponse;
import dev.secrets.platform.ListSecretsResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code POST /user/secrets/*} operations, checked in the platform's order: the user key
 * (403), then the body (422), then whether the key covers the workspace (403) and whether the
 * workspace exists (404).
 */
final class ManagementApi {

    /** The operations, as the last path segment names them. */
    static final Set<String> OPERATIONS = Set.of("add", "update", "remove", "list", "list-stores",
            "add-external-store", "select-store", "delete-external-store");

    private final LocalPlatformServer server;

    ManagementApi(LocalPlatformServer server) {
        this.server = server;
    }

    /** Runs {@code operation} and returns the reply body; failures are {@link ApiError}s. */
    Object handle(String operation, String userKey, JsonNode body) {
        Set<String> covered = userKey == null ? null : server.workspacesOfUserKey(userKey);
        if (covered == null) {
            throw ApiError.of(403, ApiError.INVALID_API_KEY);
        }
        BodyValidator fields = BodyValidator.of(body);
        String tenantId = fields.tenantId();
        switch (operation) {
            case "add":
                return add(fields, tenantId, covered);
            case "update":
                return update(fields, tenantId, covered);
            case "remove": {
                String secretId = fields.requiredString("secret_id");
                Optional<String> storeId = fields.optionalString("store_id");
                workspace(fields, tenantId, covered).removeSecret(storeId, secretId);
                return Map.of();
            }
            case "list": {
                Optional<String> storeId = fields.optionalString("store_id");
                return new ListSecretsResponse(workspace(fields, tenantId, covered).listSecrets(storeId));
            }
            case "list-stores":
                return workspace(fields, tenantId, covered).listStores();
            case "add-external-store":
                return addExternalStore(fields, tenantId, covered);
            case "select-store": {
                String storeId = fields.requiredString("store_id");
                workspace(fields, tenantId, covered).selectStore(storeId);
                return Map.of();
            }
            default: {
                String storeId = fields.requiredString("store_id");
                workspace(fields, tenantId, covered).deleteExternalStore(storeId);
                return Map.of();
            }
        }
    }

    private Object add(BodyValidator fields, String tenantId, Set<String> covered) {
        Optional<String> storeId = fields.optionalString("store_id");
        String name = fields.requiredString("name");
        String value = fields.requiredString("value");
        if (name != null && !SecretName.isValid(name)) {
            fields.valueError(List.of("body", "name"), "secret names have 1 to " + SecretName.MAX_LENGTH
                    + " characters from A-Z a-z 0-9 " + SecretName.ALLOWED_PUNCTUATION, fields.input("name"));
        }
        byte[] bytes = valueBytes(fields, value);
        try {
            Workspace workspace = workspace(fields, tenantId, covered);
            return new AddSecretResponse(workspace.addSecret(storeId, SecretName.of(name), bytes));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private Object update(BodyValidator fields, String tenantId, Set<String> covered) {
        Optional<String> storeId = fields.optionalString("store_id");
        String secretId = fields.requiredString("secret_id");
        byte[] bytes = valueBytes(fields, fields.requiredString("value"));
        try {
            workspace(fields, tenantId, covered).updateSecret(storeId, secretId, bytes);
            return Map.of();
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private Object addExternalStore(BodyValidator fields, String tenantId, Set<String> covered) {
        String type = fields.enumValue("type", ExternalStore.TYPES);
        Optional<String> name = fields.optionalString("name");
        boolean writable = fields.bool("is_writable", false);
        boolean makeDefault = fields.bool("make_default", false);
        Map<String, String> options = fields.stringMap("options");
        Workspace workspace = workspace(fields, tenantId, covered);
        if (writable) {
            throw ApiError.of(400, "External secret stores are read-only; set is_writable to false");
        }
        String storeId = LocalPlatformServer.randomId("st-");
        ExternalStore store = server.createExternalStore(storeId, type, name.orElse(type), options);
        workspace.addExternalStore(store, makeDefault);
        return new AddExternalStoreResponse(storeId);
    }

    /** Returns the value's UTF-8 bytes, recording a 422 error when it is over the size limit. */
    private static byte[] valueBytes(BodyValidator fields, String value) {
        byte[] bytes = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > SecretValue.MAX_SIZE) {
            fields.valueError(List.of("body", "value"), "the value has " + bytes.length + " bytes, more than the "
                    + "limit of " + SecretValue.MAX_SIZE, fields.input("value"));
        }
        return bytes;
    }

    /** Ends validation, then checks that the key covers the workspace and that it exists. */
    private Workspace workspace(BodyValidator fields, String tenantId, Set<String> covered) {
        fields.throwIfInvalid();
        if (!covered.contains(tenantId)) {
            throw ApiError.of(403, ApiError.INVALID_API_KEY);
        }
        return server.workspace(tenantId).orElseThrow(() -> ApiError.of(404, ApiError.TENANT_NOT_FOUND));
    }
}
