package dev.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SecretNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "db-password", "team/app/db", "a//b", "x+y=z.w@v-u", "UPPER_lower_09", "/leading", "trailing/"})
    void validNamesAccepted(String name) {
        assertEquals(name, SecretName.of(name).value());
        assertTrue(SecretName.isValid(name));
    }

    @Test
    void maximumLengthAccepted() {
        String name = "n".repeat(512);

        assertEquals(512, SecretName.of(name).value().length());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "db password|(U+0020)|3",
        "db:password|':' (U+003A)|3",
        "geheim#1|'#' (U+0023)|7",
        "café|'é' (U+00E9)|4",
        "日本|'日' (U+65E5)|1",
    })
    void invalidCharacterNamedWithPosition(String name, String character, int position) {
        InvalidSecretNameException failure = assertThrows(InvalidSecretNameException.class, () -> SecretName.of(name));

        assertEquals("Invalid secret name '" + name + "': character " + character + " at position " + position
                + " is not allowed. Use only A-Z a-z 0-9 /_+=.@-.", failure.getMessage());
        assertFalse(SecretName.isValid(name));
    }

    @Test
    void controlCharacterShownEscaped() {
        InvalidSecretNameException failure = assertThrows(InvalidSecretNameException.class, () -> SecretName.of("a\tb"));

        assertEquals("Invalid secret name 'a\\u0009b': character (U+0009) at position 2 is not allowed. "
                + "Use only A-Z a-z 0-9 /_+=.@-.", failure.getMessage());
    }

    @Test
    void emptyNameRejected() {
        InvalidSecretNameException failure = assertThrows(InvalidSecretNameException.class, () -> SecretName.of(""));

        assertEquals("Invalid secret name: the name is empty. Use 1 to 512 characters from A-Z a-z 0-9 /_+=.@-.",
                failure.getMessage());
    }

    @Test
    void tooLongNameRejectedWithPreview() {
        String name = "p".repeat(513);

        InvalidSecretNameException failure = assertThrows(InvalidSecretNameException.class, () -> SecretName.of(name));

        assertEquals("Invalid secret name '" + "p".repeat(32) + "'... (513 characters): it has 513 characters, "
                + "the maximum is 512.", failure.getMessage());
        assertEquals(513, failure.inputLength());
    }

    @Test
    void pastedSecretShownOnlyInPart() {
        String pasted = "AKIAIOSFODNN7EXAMPLE/wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY with space";

        InvalidSecretNameException failure = assertThrows(InvalidSecretNameException.class, () -> SecretName.of(pasted));

        assertFalse(failure.getMessage().contains("bPxRfiCYEXAMPLEKEY"), failure.getMessage());
    }

    @Test
    void namesCompareByCharacters() {
        assertEquals(SecretName.of("a"), SecretName.of("a"));
        assertFalse(SecretName.of("a").equals(SecretName.of("A")));
        assertTrue(SecretName.of("a").compareTo(SecretName.of("b")) < 0);
    }
}
