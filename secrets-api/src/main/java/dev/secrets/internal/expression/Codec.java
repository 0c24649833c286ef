package dev.secrets.internal.expression;

/**
 * The binary-to-text encodings that an expression can apply, in both directions.
 *
 * <p>For every codec and every byte array {@code x}, {@code decode(encode(x))} equals {@code x}.
 * The reverse, {@code encode(decode(y))}, can differ from {@code y}, because each decoder
 * accepts more than one spelling of the same bytes: hex and percent escapes in either case,
 * base64 with or without padding, percent escapes of unreserved characters. Base58 is the
 * exception with a canonical spelling, but there too {@code decode(y)} fails for invalid
 * {@code y}, which is why {@link Normalizer} never removes a decode step.
 */
public enum Codec {

    /** Base64 in the standard alphabet (RFC 4648 section 4), padded with {@code =}. */
    BASE64("Base64", "base64") {
        @Override
        byte[] encode(byte[] input) {
            return Base64Codec.STANDARD.encode(input);
        }

        @Override
        byte[] decode(byte[] input) throws MalformedEncodingException {
            return Base64Codec.STANDARD.decode(input);
        }
    },

    /** Base64 in the URL- and filename-safe alphabet (RFC 4648 section 5), padded with {@code =}. */
    BASE64_URL("Base64Url", "base64url") {
        @Override
        byte[] encode(byte[] input) {
            return Base64Codec.URL_SAFE.encode(input);
        }

        @Override
        byte[] decode(byte[] input) throws MalformedEncodingException {
            return Base64Codec.URL_SAFE.decode(input);
        }
    },

    /** Hexadecimal, written in lower case and read in either case. */
    HEX("Hex", "hex") {
        @Override
        byte[] encode(byte[] input) {
            return HexCodec.encode(input);
        }

        @Override
        byte[] decode(byte[] input) throws MalformedEncodingException {
            return HexCodec.decode(input);
        }
    },

    /** Percent-encoding of every byte outside the RFC 3986 unreserved set. */
    URL("Url", "percent-encoded") {
        @Override
        byte[] encode(byte[] input) {
            return PercentCodec.encode(input);
        }

        @Override
        byte[] decode(byte[] input) throws MalformedEncodingException {
            return PercentCodec.decode(input);
        }
    },

    /** Base58 with the Bitcoin alphabet. */
    BASE58("Base58", "base58") {
        @Override
        byte[] encode(byte[] input) {
            return Base58Codec.encode(input);
        }

        @Override
        byte[] decode(byte[] input) throws MalformedEncodingException {
            return Base58Codec.decode(input);
        }
    };

    private final String methodSuffix;
    private final String label;

    Codec(String methodSuffix, String label) {
        this.methodSuffix = methodSuffix;
        this.label = label;
    }

    /** Returns a new array with the encoding of {@code input}. Every input has one. */
    abstract byte[] encode(byte[] input);

    /**
     * Returns a new array with the bytes that {@code input} encodes.
     *
     * @throws MalformedEncodingException if {@code input} is not valid in this encoding
     */
    abstract byte[] decode(byte[] input) throws MalformedEncodingException;

    /** Returns the name of the encoding as messages show it, such as {@code base64url}. */
    String label() {
        return label;
    }

    /** Returns the name of the {@code dev.secrets.Secret} method that applies this step. */
    String methodName(Direction direction) {
        return (direction == Direction.ENCODE ? "encode" : "decode") + methodSuffix;
    }
}
