package dev.secrets.internal.expression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodecKnownAnswersTest {

    /** The test vectors of RFC 4648 section 10, as "input, base64, hex" (the RFC writes hex in upper case). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''       | ''         | ''",
        "f        | Zg==       | 66",
        "fo       | Zm8=       | 666F",
        "foo      | Zm9v       | 666F6F",
        "foob     | Zm9vYg==   | 666F6F62",
        "fooba    | Zm9vYmE=   | 666F6F6261",
        "foobar   | Zm9vYmFy   | 666F6F626172",
    })
    void rfc4648Vectors(String input, String base64, String hex) throws Exception {
        byte[] bytes = ascii(input);

        assertEquals(base64, text(Codec.BASE64.encode(bytes)));
        assertEquals(base64, text(Codec.BASE64_URL.encode(bytes)), "these inputs use no character that differs");
        assertEquals(hex.toLowerCase(), text(Codec.HEX.encode(bytes)));
        assertArrayEquals(bytes, Codec.BASE64.decode(ascii(base64)));
        assertArrayEquals(bytes, Codec.BASE64_URL.decode(ascii(base64)));
        assertArrayEquals(bytes, Codec.HEX.decode(ascii(hex)), "upper case as in the RFC");
        assertArrayEquals(bytes, Codec.HEX.decode(ascii(hex.toLowerCase())));
    }

    @Test
    void base64AlphabetsDifferInTwoCharacters() throws Exception {
        byte[] bytes = {(byte) 0xfb, (byte) 0xff};

        assertEquals("+/8=", text(Codec.BASE64.encode(bytes)));
        assertEquals("-_8=", text(Codec.BASE64_URL.encode(bytes)));
        assertArrayEquals(bytes, Codec.BASE64_URL.decode(ascii("-_8")), "padding is optional");
    }

    @Test
    void base64OfNonUtf8Bytes() throws Exception {
        byte[] bytes = {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0x80};

        assertEquals("//4AgA==", text(Codec.BASE64.encode(bytes)));
        assertArrayEquals(bytes, Codec.BASE64.decode(ascii("//4AgA==")));
        assertArrayEquals(bytes, Codec.BASE64.decode(ascii("//4AgA")));
    }

    @Test
    void hexOfNonUtf8Bytes() throws Exception {
        byte[] bytes = {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0x80};

        assertEquals("fffe0080", text(Codec.HEX.encode(bytes)));
        assertArrayEquals(bytes, Codec.HEX.decode(ascii("FFfE0080")));
    }

    /** Known answers, checked with an independent big-integer conversion, and leading-zero cases. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                                                                                         | ''",
        "00                                                                                         | 1",
        "000000                                                                                     | 111",
        "00ff                                                                                       | 15Q",
        "0000287fb4cd                                                                               | 11233QC4",
        "fffe0080                                                                                   | 7YXADd",
        "48656c6c6f20576f726c6421                                                                   | 2NEpo7TZRRrLZSi2U",
        "54686520717569636b2062726f776e20666f78206a756d7073206f76657220746865206c617a7920646f672e | "
                + "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z",
    })
    void base58Vectors(String hex, String base58) throws Exception {
        byte[] bytes = HexFormat.of().parseHex(hex);

        assertEquals(base58, text(Codec.BASE58.encode(bytes)));
        assertArrayEquals(bytes, Codec.BASE58.decode(ascii(base58)));
    }

    @Test
    void percentEncodingKeepsOnlyUnreservedCharacters() throws Exception {
        byte[] bytes = {(byte) 0xff, 0x00, ' ', '+', '/', '?', '#', '~', '-', '.', '_', 'a', 'Z', '9'};

        assertEquals("%FF%00%20%2B%2F%3F%23~-._aZ9", text(Codec.URL.encode(bytes)));
        assertEquals("%C3%A4", text(Codec.URL.encode("ä".getBytes(StandardCharsets.UTF_8))));
        assertEquals("", text(Codec.URL.encode(new byte[0])));
    }

    @Test
    void percentDecodingReadsEitherCaseAndKeepsPlus() throws Exception {
        assertArrayEquals("ä".getBytes(StandardCharsets.UTF_8), Codec.URL.decode(ascii("%c3%A4")));
        assertArrayEquals(ascii("a+b c"), Codec.URL.decode(ascii("a+b%20c")));
        assertArrayEquals(ascii("A"), Codec.URL.decode(ascii("%41")));
        assertArrayEquals(new byte[] {(byte) 0xff, 0x00}, Codec.URL.decode(ascii("%ff%00")));
        assertArrayEquals(new byte[0], Codec.URL.decode(new byte[0]));
    }

    /** These spellings decode, but encoding gives another one back, so encode(decode(y)) never cancels. */
    @Test
    void decodingAcceptsNonCanonicalSpellings() throws Exception {
        assertEquals("4a", text(Codec.HEX.encode(Codec.HEX.decode(ascii("4A")))));
        assertEquals("QQ==", text(Codec.BASE64.encode(Codec.BASE64.decode(ascii("QQ")))));
        assertEquals("QQ==", text(Codec.BASE64.encode(Codec.BASE64.decode(ascii("QR==")))));
        assertEquals("A", text(Codec.URL.encode(Codec.URL.decode(ascii("%41")))));
        assertEquals("%C3", text(Codec.URL.encode(Codec.URL.decode(ascii("%c3")))));
    }

    @Test
    void emptyInputEncodesAndDecodesToEmpty() throws Exception {
        for (Codec codec : Codec.values()) {
            assertArrayEquals(new byte[0], codec.encode(new byte[0]), codec.name());
            assertArrayEquals(new byte[0], codec.decode(new byte[0]), codec.name());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "HEX        | abc        | the input has an odd length (3 characters), but hex needs two digits per byte",
        "HEX        | 0g         | the character at offset 1 is not a hexadecimal digit",
        "BASE64     | Zm9v!A==   | the character at offset 4 is not in the base64 alphabet",
        "BASE64     | -_8=       | the character at offset 0 is not in the base64 alphabet",
        "BASE64_URL | +/8=       | the character at offset 0 is not in the base64url alphabet",
        "BASE64     | Zm9vY      | the input has 5 characters before any padding, and no base64 input has 4n+1",
        "BASE64     | Zm8==      | the input ends with 2 '=' but needs 1 after 3 characters",
        "BASE64     | Zm9v=      | the input ends with 1 '=' but needs none after 4 characters",
        "BASE64     | Zm 9v      | the character at offset 2 is not in the base64 alphabet",
        "URL        | ab%4       | the '%' at offset 2 is not followed by two hexadecimal digits",
        "URL        | %zz1       | the '%' at offset 0 is not followed by two hexadecimal digits",
        "URL        | x%         | the '%' at offset 1 is not followed by two hexadecimal digits",
        "BASE58     | 2NE0       | the character at offset 3 is not in the base58 alphabet (Bitcoin), which has no 0, O, I or l",
        "BASE58     | Ol         | the character at offset 0 is not in the base58 alphabet (Bitcoin), which has no 0, O, I or l",
        "BASE58     | 1I         | the character at offset 1 is not in the base58 alphabet (Bitcoin), which has no 0, O, I or l",
    })
    void invalidInputIsRejectedWithReason(Codec codec, String input, String reason) {
        MalformedEncodingException failure = assertThrows(MalformedEncodingException.class,
                () -> codec.decode(ascii(input)));

        assertEquals(reason, failure.getMessage());
    }

    @Test
    void nonAsciiByteIsRejectedByEveryAlphabet() {
        byte[] input = {'1', 'A', (byte) 0xc3, (byte) 0xa4};

        for (Codec codec : new Codec[] {Codec.BASE64, Codec.BASE64_URL, Codec.HEX, Codec.BASE58}) {
            MalformedEncodingException failure = assertThrows(MalformedEncodingException.class,
                    () -> codec.decode(input), codec.name());
            assertTrue(failure.getMessage().startsWith("the character at offset 2 is not"), failure.getMessage());
            assertFalse(failure.getMessage().contains("1A"), codec.name());
        }
    }

    @Test
    void base58OfMaximumSecretSizeRoundTrips() throws Exception {
        byte[] bytes = new byte[65_536];
        new Random(58).nextBytes(bytes);

        byte[] encoded = Codec.BASE58.encode(bytes);

        assertTrue(encoded.length <= 89_500, "at most 65536 * 8 / log2(58) = 89499.8 digits");
        assertArrayEquals(bytes, Codec.BASE58.decode(encoded));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
