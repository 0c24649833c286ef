package dev.secrets.internal.expression;

/**
 * Thrown by a decoder when its input is not valid in its encoding. The message states the problem
 * and at most an offset or a length, never the input's bytes, because the input is a secret.
 */
public final class MalformedEncodingException extends Exception {

    public MalformedEncodingException(String reason) {
        super(reason, null, false, false);
    }
}
