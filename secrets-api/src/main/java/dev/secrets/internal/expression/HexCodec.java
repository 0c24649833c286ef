package dev.secrets.internal.expression;

import java.util.Arrays;

/**
 * Hexadecimal (RFC 4648 section 8, base16). Encodes to lower-case digits and decodes both cases,
 * so decoding then encoding turns {@code 4A} into {@code 4a}.
 */
final class HexCodec {

    private static final byte[] DIGITS = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};

    private HexCodec() {
    }

    static byte[] encode(byte[] input) {
        byte[] output = new byte[input.length * 2];
        for (int i = 0; i < input.length; i++) {
            output[2 * i] = DIGITS[(input[i] >> 4) & 0x0f];
            output[2 * i + 1] = DIGITS[input[i] & 0x0f];
        }
        return output;
    }

    static byte[] decode(byte[] input) throws MalformedEncodingException {
        if (input.length % 2 != 0) {
            throw new MalformedEncodingException("the input has an odd length (" + input.length
                    + " characters), but hex needs two digits per byte");
        }
        byte[] output = new byte[input.length / 2];
        for (int i = 0; i < output.length; i++) {
            int high = digitValue(input, 2 * i);
            int low = digitValue(input, 2 * i + 1);
            if (high < 0 || low < 0) {
                Arrays.fill(output, (byte) 0);
                throw new MalformedEncodingException("the character at offset " + (high < 0 ? 2 * i : 2 * i + 1)
                        + " is not a hexadecimal digit");
            }
            output[i] = (byte) ((high << 4) | low);
        }
        return output;
    }

    /** Returns the value of the hex digit at {@code index}, or -1 when it is not one. */
    static int digitValue(byte[] input, int index) {
        int c = input[index];
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
