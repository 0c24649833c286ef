package dev.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretTest {

    private static final Secret TOKEN = Secret.named("hec-token");

    @Test
    void everyKindOfExpressionPrintsRedacted() {
        Map<String, Secret> expressions = Map.ofEntries(
                Map.entry("named", Secret.named("db:password")),
                Map.entry("named by reference", Secret.named(SecretReference.parse("db"))),
                Map.entry("text literal", Secret.literal("geheim")),
                Map.entry("byte literal", Secret.literal(new byte[] {(byte) 0xff, 0x00})),
                Map.entry("empty literal", Secret.literal("")),
                Map.entry("concatenation", Secret.literal("Bearer ").concat(TOKEN)),
                Map.entry("static concatenation", Secret.concat(List.of(TOKEN, TOKEN))),
                Map.entry("literal concatenation", Secret.literal("a").concat(Secret.literal("b"))),
                Map.entry("format", Secret.format("Bearer {}", TOKEN)),
                Map.entry("literal format", Secret.format("no placeholders")),
                Map.entry("encodeBase64", TOKEN.encodeBase64()),
                Map.entry("decodeBase64", TOKEN.decodeBase64()),
                Map.entry("encodeBase64Url", TOKEN.encodeBase64Url()),
                Map.entry("decodeBase64Url", TOKEN.decodeBase64Url()),
                Map.entry("encodeHex", TOKEN.encodeHex()),
                Map.entry("decodeHex", TOKEN.decodeHex()),
                Map.entry("encodeUrl", TOKEN.encodeUrl()),
                Map.entry("decodeUrl", TOKEN.decodeUrl()),
                Map.entry("encodeBase58", TOKEN.encodeBase58()),
                Map.entry("decodeBase58", Secret.literal("geheim").decodeBase58()));

        expressions.forEach((kind, expression) -> assertEquals("***", expression.toString(), kind));
        expressions.forEach((kind, expression) -> assertEquals("***", String.valueOf(expression), kind));
    }

    @Test
    void allLiteralExpressionPrintsRedacted() {
        Secret literal = Secret.literal("public text").concat(Secret.literal(" and more")).encodeHex();

        assertTrue(literal.isAllLiteral());
        assertEquals("***", literal.toString());
    }

    @Test
    void isAllLiteralFalseWithAnyReference() {
        assertFalse(Secret.literal("Bearer ").concat(TOKEN).isAllLiteral());
        assertFalse(TOKEN.encodeHex().isAllLiteral());
        assertTrue(Secret.format("{{}").isAllLiteral());
    }

    @Test
    void namesListsEachReferenceOnceInOrder() {
        Secret expression = Secret.format("{}:{}@{}", Secret.named("db:user"), Secret.named("db:password"),
                Secret.named("db:user").encodeUrl());

        assertEquals(List.of(SecretReference.parse("db:user"), SecretReference.parse("db:password")),
                List.copyOf(expression.names()));
        assertEquals(Set.of(), Secret.literal("x").names());
        assertThrows(UnsupportedOperationException.class, () -> expression.names().clear());
    }

    @Test
    void namedRejectsInvalidReference() {
        assertThrows(InvalidSecretNameException.class, () -> Secret.named("bad name"));
        assertThrows(InvalidSecretNameException.class, () -> Secret.named("db:"));
    }

    @Test
    void equalsComparesNormalForm() {
        Secret built = Secret.literal("Bea").concat(Secret.literal("rer "), TOKEN.encodeHex().decodeHex());
        Secret formatted = Secret.format("Bearer {}", TOKEN);

        assertEquals(formatted, built);
        assertEquals(formatted.hashCode(), built.hashCode());
        assertEquals(Secret.literal("ab"), Secret.literal("a".getBytes(StandardCharsets.UTF_8)).concat(Secret.literal("b")));
        assertEquals(TOKEN, Secret.named(SecretReference.parse("hec-token")));
    }

    @Test
    void equalsKeepsEncodeOfDecode() {
        assertNotEquals(TOKEN, TOKEN.decodeHex().encodeHex());
        assertNotEquals(TOKEN.encodeBase64(), TOKEN.encodeBase64Url());
        assertNotEquals(Secret.literal("a"), Secret.literal("b"));
        assertNotEquals(Secret.named("db:user"), Secret.named("db:password"));
    }

    @Test
    void literalBytesAreCopied() {
        byte[] bytes = {1, 2, 3};
        Secret literal = Secret.literal(bytes);

        bytes[0] = 9;

        assertEquals(Secret.literal(new byte[] {1, 2, 3}), literal);
    }

    @Test
    void literalRejectsUnpairedSurrogate() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> Secret.literal("a\uD800b"));

        assertEquals("text contains an unpaired surrogate and cannot be encoded as UTF-8", failure.getMessage());
    }

    @Test
    void formatReplacesPlaceholdersInOrder() {
        Secret user = Secret.named("user");
        Secret password = Secret.named("password");

        Secret expression = Secret.format("{\"user\": \"{}\", \"password\": \"{}\"}", user, password);

        assertEquals(Secret.literal("{\"user\": \"").concat(user, Secret.literal("\", \"password\": \""), password,
                Secret.literal("\"}")), expression);
    }

    @Test
    void formatDoubledBraceIsLiteralBrace() {
        assertEquals(Secret.literal("{}"), Secret.format("{{}"));
        assertEquals(Secret.literal("{").concat(TOKEN, Secret.literal("}")), Secret.format("{{{}}", TOKEN));
        assertEquals(Secret.literal("a{b}c"), Secret.format("a{{b}c"));
        assertEquals(Secret.literal("}{"), Secret.format("}{"));
    }

    @Test
    void formatRejectsTooFewArguments() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> Secret.format("{}:{}", TOKEN));

        assertEquals("The template has 2 placeholders '{}' but 1 argument was given; pass one argument per '{}', "
                + "and write '{{' for a literal '{'.", failure.getMessage());
    }

    @Test
    void formatRejectsTooManyArguments() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> Secret.format("Bearer {{}", TOKEN));

        assertEquals("The template has 0 placeholders '{}' but 1 argument was given; pass one argument per '{}', "
                + "and write '{{' for a literal '{'.", failure.getMessage());
    }

    @Test
    void concatOfNothingIsEmptyLiteral() {
        assertEquals(Secret.literal(""), Secret.concat(List.of()));
        assertEquals(TOKEN, TOKEN.concat());
        assertEquals(TOKEN, Secret.concat(List.of(TOKEN)));
    }

    @Test
    void nullArgumentsAreRejected() {
        assertThrows(NullPointerException.class, () -> Secret.named((String) null));
        assertThrows(NullPointerException.class, () -> TOKEN.concat(TOKEN, null));
        assertThrows(NullPointerException.class, () -> Secret.format("{}", (Secret) null));
        assertThrows(NullPointerException.class, () -> Secret.literal((byte[]) null));
    }
}
