package dev.secrets.aws.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Stops reading an AWS response body after {@link #MAX_RESPONSE_BYTES}, so a misbehaving endpoint
 * cannot make the SDK buffer an unbounded body before the value size check runs.
 */
final class ResponseSizeLimit implements ExecutionInterceptor {

    /**
     * The largest response body read, in bytes. A {@code BatchGetSecretValue} reply carries at most
     * 20 values of at most 65,536 bytes each; JSON escaping can grow text up to six times, which
     * stays below this limit.
     */
    static final long MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
            ExecutionAttributes executionAttributes) {
        return context.responseBody().map(LimitedInputStream::new);
    }

    /**
     * Thrown when a response body is longer than {@link #MAX_RESPONSE_BYTES}. Unchecked and not an
     * {@link IOException}, so the SDK does not retry the call and read the body again.
     */
    static final class ResponseTooLargeException extends RuntimeException {

        ResponseTooLargeException() {
            super("The response body is longer than " + MAX_RESPONSE_BYTES + " bytes; reading stopped there.");
        }
    }

    private static final class LimitedInputStream extends FilterInputStream {

        private long remaining = MAX_RESPONSE_BYTES;

        LimitedInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            checkRemaining();
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            checkRemaining();
            int count = super.read(buffer, offset, (int) Math.min(length, remaining + 1));
            if (count > 0) {
                remaining -= count;
            }
            return count;
        }

        private void checkRemaining() throws IOException {
            if (remaining < 0) {
                throw new ResponseTooLargeException();
            }
        }
    }
}
