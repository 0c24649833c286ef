package dev.secrets.internal.expression;

import java.util.Base64;

/**
 * Base64 in the standard alphabet (RFC 4648 section 4) or the URL- and filename-safe alphabet
 * (section 5).
 *
 * <p>Encoding always writes {@code =} padding. Decoding accepts input with or without padding,
 * and ignores non-zero bits after the last full byte, so several inputs decode to the same bytes.
 * Line breaks and other characters outside the alphabet are rejected. The input is checked
 * before it reaches {@link Base64}, because the JDK's error messages quote the
 * offending character and the input here is a secret.
 */
final class Base64Codec {

    static final Base64Codec STANDARD = new Base64Codec(false);
    static final Base64Codec URL_SAFE = new Base64Codec(true);

    private final boolean urlSafe;
    private final Base64.Encoder encoder;
    private final Base64.Decoder decoder;

    private Base64Codec(boolean urlSafe) {
        this.urlSafe = urlSafe;
        this.encoder = urlSafe ? Base64.getUrlEncoder() : Base64.getEncoder();
        this.decoder = urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder();
    }

    byte[] encode(byte[] input) {
        return encoder.encode(input);
    }

    byte[] decode(byte[] input) throws MalformedEncodingException {
        validate(input);
        return decoder.decode(input);
    }

    private void validate(byte[] input) throws MalformedEncodingException {
        int padding = 0;
        while (padding < input.length && input[input.length - 1 - padding] == '=') {
            padding++;
        }
        int dataLength = input.length - padding;
        for (int i = 0; i < dataLength; i++) {
            if (!inAlphabet(input[i])) {
                throw new MalformedEncodingException("the character at offset " + i + " is not in the "
                        + (urlSafe ? "base64url" : "base64") + " alphabet");
            }
        }
        if (dataLength % 4 == 1) {
            throw new MalformedEncodingException("the input has " + dataLength
                    + " characters before any padding, and no base64 input has 4n+1");
        }
        int expectedPadding = dataLength % 4 == 0 ? 0 : 4 - dataLength % 4;
        if (padding != 0 && padding != expectedPadding) {
            throw new MalformedEncodingException("the input ends with " + padding + " '=' but "
                    + (expectedPadding == 0 ? "needs none" : "needs " + expectedPadding) + " after "
                    + dataLength + " characters");
        }
    }

    private boolean inAlphabet(byte b) {
        if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')) {
            return true;
        }
        return urlSafe ? b == '-' || b == '_' : b == '+' || b == '/';
    }
}
