package dev.secrets.internal.expression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class CodecPropertiesTest {

    private static final String BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    @Property
    void decodeInvertsEncode(@ForAll Codec codec, @ForAll @Size(max = 300) byte[] bytes) throws Exception {
        byte[] encoded = codec.encode(bytes);

        assertArrayEquals(bytes, codec.decode(encoded));
    }

    @Property
    void encodedTextIsPrintableAscii(@ForAll Codec codec, @ForAll @Size(max = 300) byte[] bytes) {
        byte[] encoded = codec.encode(bytes);

        for (byte b : encoded) {
            assertEquals(true, b > ' ' && b < 0x7f, codec + " wrote byte " + (b & 0xff));
        }
    }

    /** Base58 has one spelling for each byte string, so re-encoding valid input gives it back. */
    @Property
    void base58EncodeInvertsDecode(@ForAll @Size(max = 200) byte[] bytes) throws Exception {
        byte[] encoded = Codec.BASE58.encode(bytes);

        assertArrayEquals(encoded, Codec.BASE58.encode(Codec.BASE58.decode(encoded)));
    }

    /** Checks the limb arithmetic against the textbook conversion through one big number. */
    @Property
    void base58MatchesBigIntegerConversion(@ForAll @Size(max = 200) byte[] bytes) {
        assertEquals(base58WithBigInteger(bytes), new String(Codec.BASE58.encode(bytes), StandardCharsets.US_ASCII));
    }

    private static String base58WithBigInteger(byte[] bytes) {
        StringBuilder digits = new StringBuilder();
        BigInteger number = new BigInteger(1, bytes);
        BigInteger base = BigInteger.valueOf(58);
        while (number.signum() > 0) {
            BigInteger[] quotientAndRemainder = number.divideAndRemainder(base);
            digits.append(BASE58_ALPHABET.charAt(quotientAndRemainder[1].intValue()));
            number = quotientAndRemainder[0];
        }
        for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
            digits.append('1');
        }
        return digits.reverse().toString();
    }
}
