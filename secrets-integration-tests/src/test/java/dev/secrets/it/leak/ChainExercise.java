package dev.secrets.it.leak;

import static dev.secrets.it.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.secrets.ReadOnlySecretStoreException;
import dev.secrets.ResolvedSecrets;
import dev.secrets.Secret;
import dev.secrets.SecretAlreadyExistsException;
import dev.secrets.SecretFormatException;
import dev.secrets.SecretMetadata;
import dev.secrets.SecretName;
import dev.secrets.SecretNotFoundException;
import dev.secrets.SecretReference;
import dev.secrets.SecretResolutionException;
import dev.secrets.SecretValue;
import dev.secrets.Secrets;
import dev.secrets.it.support.LeakScan;
import dev.secrets.spi.SecretLookup;
import dev.secrets.spi.SecretStore;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The resolution and write paths every store type shares, run against one chain whose store contains
 * the canary secrets under fixed names:
 *
 * <ul>
 *   <li>{@code leak-text}: the text canary;
 *   <li>{@code leak-json}: a JSON object whose {@code password} field is the field canary;
 *   <li>{@code leak-binary}: the binary canary followed by bytes that are not UTF-8, where the
 *       store can hold binary values.
 * </ul>
 *
 * <p>Every value and exception is recorded in the scan, and each successful read is compared
 * with its canary, so a store that never returned the canary cannot pass for one that kept it
 * secret.
 */
final class ChainExercise {

    static final String TEXT = "leak-text";
    static final String JSON = "leak-json";
    static final String BINARY = "leak-binary";

    private final LeakCanaries canaries;
    private final LeakScan scan;

    ChainExercise(LeakCanaries canaries, LeakScan scan) {
        this.canaries = canaries;
        this.scan = scan;
    }

    /** Runs the read paths: values, fields, batches, expressions and their failures. */
    void reads(Secrets secrets, boolean binary) {
        try (SecretValue value = secrets.resolve(TEXT)) {
            assertEquals(canaries.text().text(), value.asString());
            scan.object("resolved value", value);
        }
        try (SecretValue value = secrets.resolve(JSON + ":password")) {
            assertEquals(canaries.field().text(), value.asString());
        }
        Map<SecretReference, SecretValue> all = secrets.resolveAll(references(TEXT, JSON + ":password", JSON));
        scan.object("resolveAll result", all);
        all.values().forEach(SecretValue::close);

        Map<SecretReference, SecretLookup> lookups = secrets.lookupAll(references(TEXT, JSON + ":password",
                "leak-missing", JSON + ":nope", TEXT + ":password", JSON));
        scan.object("lookupAll result", lookups);
        lookups.forEach((reference, lookup) -> {
            scan.object("lookup of " + reference, lookup);
            if (lookup.status() == SecretLookup.Status.FAILED) {
                scan.throwable("lookup failure of " + reference, lookup.failure());
            } else if (lookup.isFound()) {
                lookup.value().close();
            }
        });

        scan.expect(SecretNotFoundException.class, () -> secrets.resolve("leak-missing"));
        scan.expect(SecretFormatException.class, () -> secrets.resolve(JSON + ":nope"));
        scan.expect(SecretFormatException.class, () -> secrets.resolve(TEXT + ":password"));
        scan.expect(SecretResolutionException.class,
                () -> secrets.resolveAll(references(TEXT, "leak-missing", JSON + ":nope", JSON + ":password")));
        expressions(secrets);
        if (binary) {
            invalidUtf8(secrets);
        }
        scan.object("chain", secrets);
        scan.object("chain stores", secrets.stores());
        scan.object("cache statistics", secrets.cacheStats());
    }

    private void expressions(Secrets secrets) {
        Secret base64 = Secret.named(TEXT).encodeBase64();
        Secret base64Url = Secret.named(TEXT).encodeBase64Url();
        Secret hex = Secret.named(TEXT).encodeHex();
        Secret bearer = Secret.format("Bearer {}", Secret.named(JSON + ":password"));
        try (ResolvedSecrets resolved = secrets.resolve(base64, base64Url, hex, bearer)) {
            assertEquals(canaries.text().forms().get("hex"), resolved.get(hex).asString());
            assertEquals("Bearer " + canaries.field().text(), resolved.get(bearer).asString());
            scan.object("resolved expressions", resolved);
            scan.object("resolved values", resolved.values());
            scan.object("censor", resolved.censor());
            scan.object("expression", bearer);
        }
        scan.expect(SecretFormatException.class, () -> secrets.resolve(Secret.named(TEXT).decodeBase64()));
        scan.expect(SecretFormatException.class, () -> secrets.resolve(Secret.named(TEXT).decodeHex()));
        scan.expect(SecretFormatException.class, () -> secrets.resolve(Secret.named(TEXT).decodeBase58()));
        scan.expect(SecretFormatException.class,
                () -> secrets.resolve(Secret.named(JSON + ":password").concat(Secret.literal("%zz")).decodeUrl()));
        scan.expect(SecretFormatException.class,
                () -> secrets.resolve(Secret.named(TEXT).encodeBase64().concat(Secret.literal("!")).decodeBase64()));
    }

    private void invalidUtf8(Secrets secrets) {
        try (SecretValue value = secrets.resolve(BINARY)) {
            assertEquals(true, Arrays.equals(canaries.binaryValue(), value.asBytes()));
            scan.expect(SecretFormatException.class, value::asString);
            scan.expect(SecretFormatException.class, value::asChars);
        }
        scan.expect(SecretFormatException.class, () -> secrets.resolve(BINARY + ":password"));
        scan.expect(SecretFormatException.class, () -> secrets.resolve(Secret.named(BINARY).decodeHex()));
        try (ResolvedSecrets resolved = secrets.resolve(Secret.named(BINARY).concat(Secret.literal("!")))) {
            scan.expect(SecretFormatException.class, () -> resolved.get(0).asString());
            scan.object("censor of binary", resolved.censor());
        }
    }

    /** Runs the write paths of a writable store with the written canary. */
    void writes(SecretStore store) {
        byte[] written = canaries.written().utf8();
        SecretName name = SecretName.of("leak-new");
        SecretMetadata added = await(store.add(name, written));
        scan.object("metadata", added);
        scan.expect(SecretAlreadyExistsException.class, () -> await(store.add(name, written)));
        scan.object("metadata", await(store.update(name, written)));
        scan.expect(SecretNotFoundException.class, () -> await(store.update(SecretName.of("leak-absent"), written)));
        scan.expect(SecretFormatException.class, () -> await(store.add(SecretName.of("leak-large"), oversized())));
        scan.object("listing", await(store.list()));
        await(store.delete(name));
        scan.expect(SecretNotFoundException.class, () -> await(store.delete(name)));
        scan.object("store", store);
    }

    /** Runs the write paths of a read-only store: every write fails before it reaches the store. */
    void rejectedWrites(SecretStore store) {
        byte[] written = canaries.written().utf8();
        scan.expect(ReadOnlySecretStoreException.class, () -> await(store.add(SecretName.of("leak-new"), written)));
        scan.expect(ReadOnlySecretStoreException.class, () -> await(store.update(SecretName.of(TEXT), written)));
        scan.expect(ReadOnlySecretStoreException.class, () -> await(store.delete(SecretName.of(TEXT))));
        scan.object("read-only store", store);
    }

    private byte[] oversized() {
        String text = canaries.written().text();
        int copies = SecretValue.MAX_SIZE / text.length() + 2;
        return text.repeat(copies).getBytes(StandardCharsets.UTF_8);
    }

    static List<SecretReference> references(String... texts) {
        return Stream.of(texts).map(SecretReference::parse).toList();
    }
}
