package dev.secrets.it.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.secrets.InvalidSecretNameException;
import dev.secrets.Secret;
import dev.secrets.SecretName;
import dev.secrets.SecretReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Feeds names and references of every shape to the parsers: each input either parses into a value
 * that renders back as the input, or fails with {@link InvalidSecretNameException}, never with
 * another exception, and the message never quotes more than 32 characters of the input.
 */
class NamePropertiesTest {

    private static final String NAME_CHARS = "abcXYZ019/_+=.@-";

    @Property(tries = 500)
    void namesParseOrFailTyped(@ForAll("nameLike") String input) {
        SecretName name;
        try {
            name = SecretName.of(input);
        } catch (InvalidSecretNameException e) {
            assertFalse(SecretName.isValid(input));
            assertQuotesAtMost32Characters(input, e);
            Statistics.collect("rejected");
            return;
        } catch (RuntimeException e) {
            throw new AssertionError("SecretName.of failed with " + e.getClass().getName(), e);
        }
        assertTrue(SecretName.isValid(input));
        assertEquals(input, name.value());
        Statistics.collect("valid");
        assertEquals(name, SecretName.of(name.toString()));
    }

    @Property(tries = 500)
    void referencesParseOrFailTyped(@ForAll("referenceLike") String input) {
        SecretReference reference;
        try {
            reference = SecretReference.parse(input);
        } catch (InvalidSecretNameException e) {
            assertQuotesAtMost32Characters(input, e);
            Statistics.collect("rejected");
            return;
        } catch (RuntimeException e) {
            throw new AssertionError("SecretReference.parse failed with " + e.getClass().getName(), e);
        }
        Statistics.collect(reference.field().isPresent() ? "valid with field" : "valid");
        assertEquals(input, reference.toString());
        assertEquals(reference, SecretReference.parse(reference.toString()));
        int colon = input.indexOf(':');
        assertEquals(colon < 0 ? input : input.substring(0, colon), reference.name().value());
        assertEquals(colon < 0 ? null : input.substring(colon + 1), reference.field().orElse(null));
    }

    @Property(tries = 300)
    void expressionsOverAnyReferenceFailOnlyTyped(@ForAll("referenceLike") String input) {
        try {
            Secret expression = Secret.format("x{}y", Secret.named(input).encodeHex()).decodeBase64();
            assertEquals("***", expression.toString());
            assertEquals(1, expression.names().size());
        } catch (InvalidSecretNameException e) {
            assertQuotesAtMost32Characters(input, e);
        } catch (RuntimeException e) {
            fail("Secret.named failed with " + e.getClass().getName(), e);
        }
    }

    /**
     * Asserts that the message quotes at most 32 characters of the input, because a rejected input
     * may be a value pasted by mistake.
     */
    private static void assertQuotesAtMost32Characters(String input, InvalidSecretNameException e) {
        if (input.length() > 32) {
            assertFalse(e.getMessage().contains(input), "the message quotes the whole input: " + e.getMessage());
            assertFalse(e.getMessage().contains(input.substring(0, 33)), e.getMessage());
        }
    }

    /** Mostly name characters, with every other character, empty strings and long strings mixed in. */
    @Provide
    Arbitrary<String> nameLike() {
        Arbitrary<String> plausible = Arbitraries.strings().withChars(NAME_CHARS).ofMinLength(0).ofMaxLength(40);
        Arbitrary<String> nearMax = Arbitraries.strings().withChars(NAME_CHARS).ofMinLength(500).ofMaxLength(530);
        Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(60);
        Arbitrary<String> mixed = Arbitraries.strings().withChars(NAME_CHARS + " :\t\n\u00e9\u0000\u202e\ud83d\ude00")
                .ofMaxLength(50);
        return Arbitraries.frequencyOf(
                Tuple.of(4, plausible),
                Tuple.of(1, nearMax),
                Tuple.of(3, anything),
                Tuple.of(3, mixed));
    }

    /** Names joined to fields by one or more colons, with the same mix as {@link #nameLike()}. */
    @Provide
    Arbitrary<String> referenceLike() {
        Arbitrary<String> field = Arbitraries.strings().all().ofMaxLength(20);
        return Arbitraries.oneOf(nameLike(),
                Combinators.combine(nameLike(), field).as((name, f) -> name + ":" + f),
                Combinators.combine(nameLike(), field, field).as((name, a, b) -> name + ":" + a + ":" + b));
    }
}
