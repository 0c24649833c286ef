package dev.secrets.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.SecretAccessDeniedException;
import dev.secrets.SecretValue;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretLookupTest {

    @Test
    void optionalRoundTrip() {
        SecretValue value = SecretValue.ofUtf8("v");

        assertSame(value, SecretLookup.of(Optional.of(value)).toOptional().orElseThrow());
        assertEquals(SecretLookup.Status.NOT_FOUND, SecretLookup.of(Optional.empty()).status());
        assertTrue(SecretLookup.notFound("scheduled for deletion").toOptional().isEmpty());
    }

    @Test
    void failedLookupThrowsItsFailure() {
        SecretAccessDeniedException denied = new SecretAccessDeniedException("denied");

        SecretAccessDeniedException thrown = assertThrows(SecretAccessDeniedException.class,
                () -> SecretLookup.failed(denied).toOptional());

        assertSame(denied, thrown);
    }

    @Test
    void toStringHidesValue() {
        assertEquals("found(***)", SecretLookup.found(SecretValue.ofUtf8("canary")).toString());
    }
}
