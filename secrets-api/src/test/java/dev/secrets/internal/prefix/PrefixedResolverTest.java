package dev.secrets.internal.prefix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.InvalidSecretNameException;
import dev.secrets.SecretMetadata;
import dev.secrets.SecretName;
import dev.secrets.SecretReference;
import dev.secrets.SecretValue;
import dev.secrets.spi.Failures;
import dev.secrets.spi.SecretLookup;
import dev.secrets.spi.SecretStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PrefixedResolverTest {

    private final RecordingStore backend = new RecordingStore();
    private final PrefixedResolver store = PrefixedResolver.wrap(backend, Prefix.of("tenzir/", "aws-prod"));

    @Test
    void readsTheNameUnderThePrefix() {
        backend.put("tenzir/db", "inside");
        backend.put("db", "outside");

        String value = text(SecretReference.parse("db"));

        assertEquals("inside", value);
        assertEquals(List.of("read tenzir/db"), backend.requests());
    }

    @Test
    void keepsTheVersionOfTheReference() {
        SecretReference previous = SecretReference.parse("db").withVersionStage("AWSPREVIOUS");

        SecretReference prefixed = Prefix.of("tenzir/", "aws-prod").apply(previous);

        assertEquals("tenzir/db[stage=AWSPREVIOUS]", prefixed.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db | arn | it is the start of an ARN, and a store with a prefix reads names, not ARNs",
        "ARN:aws:secretsmanager:eu-west-1:123456789012:secret:x | ARN | it is the start of an ARN, and a store with a prefix reads names, not ARNs",
        "/etc/db | /etc/db | it starts with '/'",
        "../other/db | ../other/db | it has a '..' path segment",
        "team/../../other/db | team/../../other/db | it has a '..' path segment",
        "team/.. | team/.. | it has a '..' path segment",
        "team/./db | team/./db | it has a '.' path segment",
    })
    void rejectsReferencesOutsideThePrefixBeforeAnyIo(String reference, String name, String reason) {
        SecretReference parsed = SecretReference.parse(reference).withoutField();

        CompletionException failure = assertThrows(CompletionException.class, () -> store.resolve(parsed).join());

        InvalidSecretNameException cause = assertInstanceOf(InvalidSecretNameException.class, Failures.unwrap(failure));
        assertEquals("Secret reference '" + name + "' is outside the prefix 'tenzir/' of store 'aws-prod': " + reason
                + ". Ask for the name relative to the prefix, such as 'db-password' for 'tenzir/db-password'.",
                cause.getMessage());
        assertEquals(List.of(), backend.requests());
    }

    @Test
    void rejectsDotSegmentsFormedWithThePrefix() {
        PrefixedResolver dotted = PrefixedResolver.wrap(backend, Prefix.of("team/.", "aws-prod"));

        CompletionException failure = assertThrows(CompletionException.class,
                () -> dotted.resolve(SecretReference.parse("./db")).join());

        assertTrue(Failures.unwrap(failure).getMessage().contains("it has a '..' path segment"));
        assertEquals(List.of(), backend.requests());
    }

    @Test
    void rejectsNamesTooLongWithThePrefix() {
        SecretReference longest = SecretReference.parse("a".repeat(SecretName.MAX_LENGTH));

        CompletionException failure = assertThrows(CompletionException.class, () -> store.resolve(longest).join());

        assertEquals("Secret name '" + "a".repeat(512) + "' is too long for store 'aws-prod': with its prefix "
                + "'tenzir/' it has 519 characters, the maximum is 512.", Failures.unwrap(failure).getMessage());
        assertEquals(List.of(), backend.requests());
    }

    @Test
    void batchRejectsOnlyTheOutsideReference() {
        backend.put("tenzir/a", "1");
        backend.put("tenzir/b", "2");
        SecretReference a = SecretReference.parse("a");
        SecretReference b = SecretReference.parse("b");
        SecretReference escape = SecretReference.parse("../x");

        Map<SecretReference, SecretLookup> results = store.resolveAll(Set.of(a, b, escape)).join();

        assertEquals("1", results.get(a).value().asString());
        assertEquals("2", results.get(b).value().asString());
        assertInstanceOf(InvalidSecretNameException.class, results.get(escape).failure());
        assertEquals(List.of("batch [tenzir/a, tenzir/b]"), backend.requests());
    }

    @Test
    void listStripsPrefixAndHidesOthers() {
        backend.put("tenzir/db", "1");
        backend.put("tenzir/team/api", "2");
        backend.put("tenzir-other/db", "3");
        backend.put("other/db", "4");
        backend.put("tenzir//escape", "5");

        List<SecretMetadata> listed = ((SecretStore) store).list().join();

        assertEquals(List.of("db", "team/api"), listed.stream().map(m -> m.name().value()).toList());
        assertEquals(List.of("db", "team/api"), listed.stream().map(SecretMetadata::id).toList());
    }

    @Test
    void writesGoUnderThePrefix() {
        SecretStore writable = (SecretStore) store;
        SecretName db = SecretName.of("db");

        SecretMetadata added = writable.add(db, bytes("1")).join();
        writable.update(db, bytes("2")).join();
        String stored = backend.value("tenzir/db").orElseThrow();
        writable.delete(db).join();

        assertEquals("db", added.name().value());
        assertEquals("2", stored);
        assertEquals(List.of("add tenzir/db", "update tenzir/db", "delete tenzir/db"), backend.requests());
    }

    @Test
    void writesOutsideThePrefixFailBeforeAnyIo() {
        SecretStore writable = (SecretStore) store;

        CompletionException failure = assertThrows(CompletionException.class,
                () -> writable.add(SecretName.of("../x"), bytes("1")).join());

        assertInstanceOf(InvalidSecretNameException.class, Failures.unwrap(failure));
        assertEquals(List.of(), backend.requests());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'' | must not be empty; leave the option out for no prefix",
        "tenzir prod/ | has character ' ' at position 7; use only A-Z a-z 0-9 /_+=.@-",
        "a/../ | it has a '..' path segment",
    })
    void invalidPrefixesAreRejected(String prefix, String problem) {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> Prefix.of(prefix, "aws-prod"));

        assertEquals(problem, failure.getMessage());
    }

    @Test
    void emptySegmentsStayInsidePrefix() {
        Prefix prefix = Prefix.of("tenzir/", "aws-prod");

        assertEquals("tenzir/a//b", prefix.apply(SecretName.of("a//b")).value());
        assertEquals("tenzir/team//db/", prefix.apply(SecretName.of("team//db/")).value());
        assertEquals("a//b", prefix.strip(SecretName.of("tenzir/a//b")).orElseThrow().value());
    }

    @Test
    void prefixMayStartWithASlash() {
        Prefix prefix = Prefix.of("/tenzir/", "ssm");

        SecretName applied = prefix.apply(SecretName.of("db"));

        assertEquals("/tenzir/db", applied.value());
    }

    private String text(SecretReference reference) {
        try (SecretValue value = store.resolve(reference).join().orElseThrow()) {
            return value.asString();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
