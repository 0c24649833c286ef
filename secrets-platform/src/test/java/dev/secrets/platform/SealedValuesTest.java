package dev.secrets.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secrets.SecretFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SealedValuesTest {

    private static final HexFormat HEX = HexFormat.of();

    // RFC 7748, section 6.1: Alice's and Bob's key pairs and their shared secret.
    private static final byte[] ALICE_PRIVATE =
            HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    private static final byte[] ALICE_PUBLIC =
            HEX.parseHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    private static final byte[] BOB_PRIVATE =
            HEX.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    private static final byte[] BOB_PUBLIC =
            HEX.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");

    private static final byte[] PLAINTEXT = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);

    /**
     * Bob's key as recipient, Alice's as ephemeral key, nonce 00..0b, name "geheim". Computed
     * independently with the Python "cryptography" package (X25519, HKDF and AESGCM classes).
     */
    private static final byte[] SEALED_VECTOR = HEX.parseHex(
            "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"
            + "000102030405060708090a0b"
            + "a1616b3e9138bcc5728ecae7e034ff50388381e50a56d0f0573ad98c0f053bbb061ff13bb851bb0733ec999e");

    @Test
    void hkdfMatchesRfc5869TestCase1() {
        byte[] inputKeyMaterial = new byte[22];
        Arrays.fill(inputKeyMaterial, (byte) 0x0b);
        byte[] salt = HEX.parseHex("000102030405060708090a0b0c");
        byte[] info = HEX.parseHex("f0f1f2f3f4f5f6f7f8f9");

        byte[] output = SealedValues.hkdfSha256(salt, inputKeyMaterial, info, 42);

        assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
                HEX.formatHex(output));
    }

    @Test
    void hkdfRejectsLengthBeyondLimit() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SealedValues.hkdfSha256(new byte[0], new byte[1], new byte[0], 8161));

        assertEquals("length must be between 1 and 8160, was 8161", error.getMessage());
    }

    @Test
    void derivedKeyMatchesIndependentVector() {
        byte[] shared = HEX.parseHex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        byte[] salt = new byte[64];
        System.arraycopy(ALICE_PUBLIC, 0, salt, 0, 32);
        System.arraycopy(BOB_PUBLIC, 0, salt, 32, 32);

        byte[] key = SealedValues.hkdfSha256(salt, shared, "dev.secrets/v1".getBytes(StandardCharsets.UTF_8), 32);

        assertEquals("171c3e39f0ebf2414e3332a7a234fc2e77ad6e17957bc5bdd7c4296c80217d33", HEX.formatHex(key));
    }

    @Test
    void recipientPublicKeyMatchesRfc7748() {
        SealedValues.Recipient bob = SealedValues.recipient(BOB_PRIVATE);

        assertArrayEquals(BOB_PUBLIC, bob.publicKey());
    }

    @Test
    void sealMatchesIndependentVector() {
        byte[] nonce = HEX.parseHex("000102030405060708090a0b");

        byte[] sealed = SealedValues.seal(BOB_PUBLIC, "geheim", PLAINTEXT, ALICE_PRIVATE, nonce);

        assertArrayEquals(SEALED_VECTOR, sealed);
        assertArrayEquals(ALICE_PUBLIC, Arrays.copyOf(sealed, 32));
    }

    @Test
    void openReadsIndependentVector() {
        SealedValues.Recipient bob = SealedValues.recipient(BOB_PRIVATE);

        byte[] opened = bob.open("geheim", SEALED_VECTOR);

        assertArrayEquals(PLAINTEXT, opened);
    }

    @Test
    void roundTripWithFreshKeys() {
        SealedValues.Recipient recipient = SealedValues.newRecipient();

        byte[] sealed = SealedValues.seal(recipient.publicKey(), "db/password", PLAINTEXT);

        assertEquals(PLAINTEXT.length + SealedValues.OVERHEAD, sealed.length);
        assertArrayEquals(PLAINTEXT, recipient.open("db/password", sealed));
    }

    @Test
    void roundTripOfEmptyValue() {
        SealedValues.Recipient recipient = SealedValues.newRecipient();

        byte[] sealed = SealedValues.seal(recipient.publicKey(), "empty", new byte[0]);

        assertEquals(SealedValues.OVERHEAD, sealed.length);
        assertEquals(0, recipient.open("empty", sealed).length);
    }

    @Test
    void sealingTwiceGivesDifferentBytes() {
        SealedValues.Recipient recipient = SealedValues.newRecipient();

        byte[] first = SealedValues.seal(recipient.publicKey(), "a", PLAINTEXT);
        byte[] second = SealedValues.seal(recipient.publicKey(), "a", PLAINTEXT);

        assertFalse(Arrays.equals(first, second));
    }

    @Test
    void sealedValueDoesNotContainPlaintext() {
        SealedValues.Recipient recipient = SealedValues.newRecipient();

        byte[] sealed = SealedValues.seal(recipient.publicKey(), "a", PLAINTEXT);

        assertFalse(contains(sealed, PLAINTEXT));
    }

    @Test
    void openRejectsEveryFlippedByte() {
        SealedValues.Recipient bob = SealedValues.recipient(BOB_PRIVATE);

        for (int i = 0; i < SEALED_VECTOR.length; i++) {
            byte[] tampered = SEALED_VECTOR.clone();
            tampered[i] ^= 0x01;
            int position = i;

            SecretFormatException error = assertThrows(SecretFormatException.class, () -> bob.open("geheim", tampered),
                    () -> "flipped byte " + position + " was accepted");

            assertTrue(error.getMessage().startsWith("The sealed value of secret 'geheim'"), error.getMessage());
        }
    }

    @Test
    void openRejectsOtherName() {
        SealedValues.Recipient bob = SealedValues.recipient(BOB_PRIVATE);

        SecretFormatException error = assertThrows(SecretFormatException.class, () -> bob.open("other", SEALED_VECTOR));

        assertEquals("The sealed value of secret 'other' failed authentication: it was sealed for another key or "
                + "name, or changed in transit.", error.getMessage());
    }

    @Test
    void openRejectsOtherRecipient() {
        SealedValues.Recipient alice = SealedValues.recipient(ALICE_PRIVATE);

        assertThrows(SecretFormatException.class, () -> alice.open("geheim", SEALED_VECTOR));
    }

    @Test
    void openRejectsTruncatedValue() {
        SealedValues.Recipient bob = SealedValues.recipient(BOB_PRIVATE);
        byte[] truncated = Arrays.copyOf(SEALED_VECTOR, SealedValues.OVERHEAD - 1);

        SecretFormatException error = assertThrows(SecretFormatException.class, () -> bob.open("geheim", truncated));

        assertEquals("The sealed value of secret 'geheim' has 59 bytes, fewer than the 60 that the format needs; "
                + "the reply is corrupt.", error.getMessage());
    }

    @Test
    void openRejectsSmallOrderEphemeralKey() {
        SealedValues.Recipient bob = SealedValues.recipient(BOB_PRIVATE);
        byte[] forged = SEALED_VECTOR.clone();
        Arrays.fill(forged, 0, 32, (byte) 0);

        SecretFormatException error = assertThrows(SecretFormatException.class, () -> bob.open("geheim", forged));

        assertTrue(error.getMessage().contains("unusable ephemeral public key"), error.getMessage());
    }

    @Test
    void sealRejectsSmallOrderRecipientKey() {
        assertThrows(IllegalArgumentException.class, () -> SealedValues.seal(new byte[32], "a", PLAINTEXT));
    }

    @Test
    void sealRejectsShortRecipientKey() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SealedValues.seal(new byte[31], "a", PLAINTEXT));

        assertEquals("recipientPublicKey must have 32 bytes, had 31", error.getMessage());
    }

    @Test
    void recipientToStringShowsOnlyPublicKey() {
        SealedValues.Recipient bob = SealedValues.recipient(BOB_PRIVATE);

        assertEquals("Recipient[publicKey=3p7bfXt9wbTTW2HC7OQ1Nz+DQ8hbeGdNrfx+FG+IK08=]", bob.toString());
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
