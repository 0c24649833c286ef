package dev.secrets.internal.expression;

import java.util.Arrays;

/**
 * Percent-encoding as RFC 3986 section 2.1 defines it, over bytes.
 *
 * <p>Encoding keeps the unreserved characters {@code A-Z a-z 0-9 - . _ ~} and writes every other
 * byte as {@code %XX} with upper-case hex digits, so the output is safe in any part of a URI.
 * Decoding turns {@code %XX} (either case) back into a byte and copies every other byte as it
 * is, including reserved characters. A {@code +} stays a {@code +}: reading it as a space is
 * the rule of HTML form encoding, not of RFC 3986.
 */
final class PercentCodec {

    private static final byte[] UPPER_DIGITS = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};

    private PercentCodec() {
    }

    static byte[] encode(byte[] input) {
        int length = 0;
        for (byte b : input) {
            length += isUnreserved(b) ? 1 : 3;
        }
        byte[] output = new byte[length];
        int position = 0;
        for (byte b : input) {
            if (isUnreserved(b)) {
                output[position++] = b;
            } else {
                output[position++] = '%';
                output[position++] = UPPER_DIGITS[(b >> 4) & 0x0f];
                output[position++] = UPPER_DIGITS[b & 0x0f];
            }
        }
        return output;
    }

    static byte[] decode(byte[] input) throws MalformedEncodingException {
        byte[] buffer = new byte[input.length];
        int length = 0;
        for (int i = 0; i < input.length; i++) {
            if (input[i] != '%') {
                buffer[length++] = input[i];
                continue;
            }
            if (i + 2 >= input.length || HexCodec.digitValue(input, i + 1) < 0 || HexCodec.digitValue(input, i + 2) < 0) {
                Arrays.fill(buffer, (byte) 0);
                throw new MalformedEncodingException("the '%' at offset " + i + " is not followed by two hexadecimal digits");
            }
            buffer[length++] = (byte) ((HexCodec.digitValue(input, i + 1) << 4) | HexCodec.digitValue(input, i + 2));
            i += 2;
        }
        byte[] output = Arrays.copyOf(buffer, length);
        Arrays.fill(buffer, (byte) 0);
        return output;
    }

    private static boolean isUnreserved(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                || b == '-' || b == '.' || b == '_' || b == '~';
    }
}
