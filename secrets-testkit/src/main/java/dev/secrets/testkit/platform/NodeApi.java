package dev.secrets.testkit.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.secrets.SecretAccessDeniedException;
import dev.secrets.SecretException;
import dev.secrets.SecretNotFoundException;
import dev.secrets.SecretStoreUnavailableException;
import dev.secrets.platform.NodeResolveError;
import dev.secrets.platform.NodeResolveResponse;
import dev.secrets.platform.NodeResolveResult;
import dev.secrets.platform.SealedValues;
import dev.secrets.spi.SecretLookup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The node endpoint {@code POST /node/secrets/resolve}. The bearer token selects the workspace,
 * its default store supplies the values, and every value is sealed for the request's public key
 * with {@link SealedValues}.
 */
final class NodeApi {

    /** Most names one request may ask for. */
    static final int MAX_NAMES = 1000;

    private final LocalPlatformServer server;

    NodeApi(LocalPlatformServer server) {
        this.server = server;
    }

    /** Resolves the names of {@code body}; failures are {@link ApiError}s. */
    NodeResolveResponse handle(String authorization, JsonNode body) {
        Workspace workspace = authenticate(authorization);
        BodyValidator fields = BodyValidator.of(body);
        String publicKeyText = fields.requiredString("public_key");
        List<String> names = fields.stringList("names", MAX_NAMES);
        byte[] publicKey = publicKey(fields, publicKeyText);
        fields.throwIfInvalid();

        Map<String, SecretLookup> lookups = workspace.resolve(names);
        List<NodeResolveResult> results = new ArrayList<>();
        lookups.forEach((name, lookup) -> results.add(toResult(name, lookup, publicKey)));
        return new NodeResolveResponse(results);
    }

    private Workspace authenticate(String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Workspace workspace = server.workspaceOfNodeToken(authorization.substring(7).trim());
            if (workspace != null) {
                return workspace;
            }
        }
        throw ApiError.of(401, "Invalid node token");
    }

    /** Decodes the key, recording a 422 error unless it is a usable 32-byte X25519 key. */
    private static byte[] publicKey(BodyValidator fields, String text) {
        if (text == null) {
            return null;
        }
        try {
            byte[] key = Base64.getDecoder().decode(text);
            // Sealing an empty value rejects keys of the wrong length and points of small order.
            SealedValues.seal(key, "", new byte[0]);
            return key;
        } catch (IllegalArgumentException e) {
            fields.valueError(List.of("body", "public_key"), "expected a base64 X25519 public key of 32 bytes",
                    fields.input("public_key"));
            return null;
        }
    }

    private static NodeResolveResult toResult(String name, SecretLookup lookup, byte[] publicKey) {
        switch (lookup.status()) {
            case FOUND: {
                byte[] plaintext = lookup.value().asBytes();
                try {
                    byte[] sealed = SealedValues.seal(publicKey, name, plaintext);
                    return NodeResolveResult.sealed(name, Base64.getEncoder().encodeToString(sealed));
                } finally {
                    Arrays.fill(plaintext, (byte) 0);
                    lookup.value().close();
                }
            }
            case NOT_FOUND:
                return NodeResolveResult.failed(name, new NodeResolveError(NodeResolveError.NOT_FOUND,
                        lookup.detail().isEmpty() ? "Secret not found" : lookup.detail()));
            default:
                return NodeResolveResult.failed(name, toError(lookup.failure()));
        }
    }

    private static NodeResolveError toError(SecretException failure) {
        if (failure instanceof SecretNotFoundException) {
            return new NodeResolveError(NodeResolveError.NOT_FOUND, failure.getMessage());
        }
        if (failure instanceof SecretAccessDeniedException) {
            return new NodeResolveError(NodeResolveError.ACCESS_DENIED, failure.getMessage());
        }
        if (failure instanceof SecretStoreUnavailableException) {
            return new NodeResolveError(NodeResolveError.UNAVAILABLE, failure.getMessage());
        }
        // A retry can fix only retryable failures. The others, such as a name outside the prefix
        // or a format or configuration problem, are final, so the node must not retry or serve stale.
        String code = failure.retryable() ? NodeResolveError.UNAVAILABLE : NodeResolveError.INVALID;
        return new NodeResolveError(code, failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }
}
