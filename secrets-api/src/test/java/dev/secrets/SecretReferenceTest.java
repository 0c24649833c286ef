package dev.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretReferenceTest {

    @Test
    void plainNameHasNoField() {
        SecretReference reference = SecretReference.parse("team/app/db");

        assertEquals("team/app/db", reference.name().value());
        assertEquals(Optional.empty(), reference.field());
    }

    @Test
    void firstColonEndsName() {
        SecretReference reference = SecretReference.parse("database:password:old");

        assertEquals("database", reference.name().value());
        assertEquals(Optional.of("password:old"), reference.field());
        assertEquals("database:password:old", reference.toString());
    }

    @Test
    void emptyFieldRejected() {
        InvalidSecretNameException failure = assertThrows(InvalidSecretNameException.class, () -> SecretReference.parse("db:"));

        assertEquals("Invalid secret reference 'db:': the JSON field after ':' is empty. Write 'name:field', "
                + "or leave out the ':'.", failure.getMessage());
    }

    @Test
    void invalidNamePartRejected() {
        assertThrows(InvalidSecretNameException.class, () -> SecretReference.parse(":field"));
        assertThrows(InvalidSecretNameException.class, () -> SecretReference.parse("a b:field"));
    }

    @Test
    void versionsComparedAndShown() {
        SecretReference current = SecretReference.parse("db");
        SecretReference previous = current.withVersionStage("AWSPREVIOUS");
        SecretReference byId = current.withVersionId("v1");

        assertFalse(current.equals(previous));
        assertTrue(previous.hasVersion());
        assertEquals("db[stage=AWSPREVIOUS]", previous.toString());
        assertEquals("db[version=v1]", byId.toString());
        assertEquals(Optional.empty(), byId.versionStage());
    }

    @Test
    void withoutFieldKeepsVersion() {
        SecretReference reference = SecretReference.parse("db:user").withVersionStage("AWSPREVIOUS");

        assertEquals(SecretReference.parse("db").withVersionStage("AWSPREVIOUS"), reference.withoutField());
    }
}
