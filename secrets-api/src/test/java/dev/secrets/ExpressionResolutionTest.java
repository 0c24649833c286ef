package dev.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.spi.StoreConfig;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Resolves expressions through a real chain with a {@code config} store. */
class ExpressionResolutionTest {

    private final Secrets secrets = Secrets.builder()
            .environment(Map.of())
            .store(StoreConfig.builder("config").name("node").option("values", Map.of(
                    "hec-token", "t0k3n",
                    "user", "admin",
                    "password", "pa:ss wörd",
                    "db", "{\"user\": \"app\", \"password\": \"s3cret\"}",
                    "hex-key", "DEADbeef",
                    "odd-hex", "abcdefg",
                    "not-base58", "0OIl")).build())
            .build();

    @AfterEach
    void closeChain() {
        secrets.close();
    }

    @Test
    void bearerHeaderResolvesToExactBytes() {
        Secret header = Secret.literal("Bearer ").concat(Secret.named("hec-token"));

        try (ResolvedSecrets resolved = secrets.resolve(header)) {
            assertEquals("***", header.toString());
            assertEquals("Bearer t0k3n", resolved.get(header).asString());
            assertEquals("Bearer t0k3n", resolved.get(0).asString());
        }
    }

    @Test
    void basicAuthenticationEncodesConcatenation() {
        Secret basic = Secret.format("Basic {}", Secret.format("{}:{}", Secret.named("user"), Secret.named("password")).encodeBase64());

        try (ResolvedSecrets resolved = secrets.resolve(basic)) {
            String expected = "Basic " + Base64.getEncoder().encodeToString("admin:pa:ss wörd".getBytes(StandardCharsets.UTF_8));
            assertEquals(expected, resolved.get(basic).asString());
        }
    }

    @Test
    void everyStepResolvesThroughChain() {
        Secret key = Secret.named("hex-key").decodeHex();
        List<Secret> batch = List.of(key, key.encodeBase64(), key.encodeBase64Url(), key.encodeHex(), key.encodeBase58(),
                Secret.named("password").encodeUrl(), Secret.literal("pa%3Ass%20w%C3%B6rd").decodeUrl(),
                Secret.literal("3q2-7w").decodeBase64Url(), Secret.literal("6h8cQN").decodeBase58());

        try (ResolvedSecrets resolved = secrets.resolve(batch)) {
            byte[] bytes = {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef};
            assertArrayEquals(bytes, resolved.get(0).asBytes());
            assertEquals("3q2+7w==", resolved.get(1).asString());
            assertEquals("3q2-7w==", resolved.get(2).asString());
            assertEquals("deadbeef", resolved.get(3).asString());
            assertEquals("6h8cQN", resolved.get(4).asString());
            assertEquals("pa%3Ass%20w%C3%B6rd", resolved.get(5).asString());
            assertEquals("pa:ss wörd", resolved.get(6).asString());
            assertArrayEquals(bytes, resolved.get(7).asBytes());
            assertArrayEquals(bytes, resolved.get(8).asBytes());
        }
    }

    @Test
    void jsonFieldsResolveAsSeparateReferences() {
        Secret url = Secret.format("postgres://{}:{}@db", Secret.named("db:user"), Secret.named("db:password").encodeUrl());

        try (ResolvedSecrets resolved = secrets.resolve(url)) {
            assertEquals("postgres://app:s3cret@db", resolved.get(url).asString());
        }
    }

    @Test
    void decodeFailureNamesStepAndSecret() {
        Secret broken = Secret.named("odd-hex").decodeHex();

        SecretFormatException failure = assertThrows(SecretFormatException.class, () -> secrets.resolve(broken));

        assertEquals("Could not apply decodeHex to the value of secret 'odd-hex': the input has an odd length "
                + "(7 characters), but hex needs two digits per byte. Check that the value is hex text, or remove "
                + "the decodeHex step.", failure.getMessage());
        assertFalse(failure.getMessage().contains("abcdefg"), "the message quotes the value");
    }

    @Test
    void decodeFailureNamesEverySecretOfItsInput() {
        Secret broken = Secret.named("user").concat(Secret.named("not-base58")).decodeBase58();

        SecretFormatException failure = assertThrows(SecretFormatException.class, () -> secrets.resolve(broken));

        assertEquals("Could not apply decodeBase58 to a value built from secrets 'user', 'not-base58': the character "
                + "at offset 5 is not in the base58 alphabet (Bitcoin), which has no 0, O, I or l. Check that the value "
                + "is base58 text, or remove the decodeBase58 step.", failure.getMessage());
    }

    @Test
    void laterDecodeFailuresAreSuppressed() {
        Secret first = Secret.named("odd-hex").decodeHex();
        Secret fine = Secret.named("user");
        Secret second = Secret.named("not-base58").decodeBase58();

        SecretFormatException failure = assertThrows(SecretFormatException.class, () -> secrets.resolve(first, fine, second));

        assertTrue(failure.getMessage().startsWith("Could not apply decodeHex"), failure.getMessage());
        assertEquals(1, failure.getSuppressed().length);
        assertTrue(failure.getSuppressed()[0].getMessage().startsWith("Could not apply decodeBase58"));
    }

    @Test
    void missingReferencesAreListedTogether() {
        Secret expression = Secret.format("{}{}{}", Secret.named("user"), Secret.named("gone-1"), Secret.named("gone-2"));

        SecretResolutionException failure = assertThrows(SecretResolutionException.class, () -> secrets.resolve(expression));

        assertEquals(2, failure.failures().size());
        assertInstanceOf(SecretNotFoundException.class, failure.failures().get(SecretReference.parse("gone-1")));
        assertInstanceOf(SecretNotFoundException.class, failure.failures().get(SecretReference.parse("gone-2")));
    }

    @Test
    void censorKnowsValuesIntermediatesAndResults() {
        Secret basic = Secret.format("Basic {}", Secret.format("{}:{}", Secret.named("user"), Secret.named("password")).encodeBase64());
        String encoded = Base64.getEncoder().encodeToString("admin:pa:ss wörd".getBytes(StandardCharsets.UTF_8));

        try (ResolvedSecrets resolved = secrets.resolve(basic)) {
            SecretCensor censor = resolved.censor();

            assertEquals("server echoed ***", censor.censor("server echoed Basic " + encoded));
            assertEquals("token *** for ***", censor.censor("token " + encoded + " for admin:pa:ss wörd"));
            assertEquals("user *** password ***", censor.censor("user admin password pa:ss wörd"));
            assertEquals("Basic is fine", censor.censor("Basic is fine"), "the literal alone is not censored");
        }
    }

    @Test
    void closingResultWipesValuesAndCensor() {
        Secret token = Secret.named("hec-token");
        ResolvedSecrets resolved = secrets.resolve(token);
        SecretValue value = resolved.get(token);

        resolved.close();

        assertTrue(value.isDestroyed());
        assertThrows(IllegalStateException.class, () -> resolved.censor().censor("t0k3n"));
    }

    @Test
    void equalExpressionsGetOwnValues() {
        Secret token = Secret.named("hec-token");

        try (ResolvedSecrets resolved = secrets.resolve(token, Secret.named("hec-token"))) {
            assertNotSame(resolved.get(0), resolved.get(1));
            resolved.get(0).close();
            assertEquals("t0k3n", resolved.get(1).asString());
            assertEquals("t0k3n", secrets.resolve(token).get(0).asString(), "a later resolution is unaffected");
        }
    }

    @Test
    void bareReferenceKeepsOrigin() {
        Secret token = Secret.named("hec-token");

        try (ResolvedSecrets resolved = secrets.resolve(token, token.encodeHex())) {
            assertEquals(SecretReference.parse("hec-token"), resolved.get(0).reference().orElseThrow());
            assertEquals("node", resolved.get(0).store().orElseThrow());
            assertTrue(resolved.get(1).reference().isEmpty(), "a computed value answers no single reference");
        }
    }

    @Test
    void expressionOutsideBatchIsRejected() {
        try (ResolvedSecrets resolved = secrets.resolve(Secret.named("user"))) {
            IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                    () -> resolved.get(Secret.named("password")));

            assertEquals("The expression was not part of this batch; pass it to Secrets.resolve(...) together with the others.",
                    failure.getMessage());
        }
    }

    @Test
    void emptyAndLiteralBatchesResolve() {
        try (ResolvedSecrets empty = secrets.resolve();
             ResolvedSecrets literal = secrets.resolve(Secret.literal("plain"))) {
            assertEquals(0, empty.size());
            assertEquals("plain", literal.get(0).asString());
        }
    }

    @Test
    void asyncResolutionFailsWithTypedCause() {
        CompletionException failure = assertThrows(CompletionException.class,
                () -> secrets.resolveAsync(Secret.named("odd-hex").decodeHex()).join());

        assertInstanceOf(SecretFormatException.class, failure.getCause());
        assertEquals("Bearer t0k3n", secrets.resolveAsync(List.of(Secret.format("Bearer {}", Secret.named("hec-token"))))
                .join().get(0).asString());
    }

    @Test
    void resultPrintsCountOnly() {
        try (ResolvedSecrets resolved = secrets.resolve(Secret.named("user"), Secret.named("password"))) {
            assertEquals("ResolvedSecrets[2 values]", resolved.toString());
            assertEquals("SecretCensor[2 values]", resolved.censor().toString());
        }
    }
}
