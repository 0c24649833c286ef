package dev.secrets.aws.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

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
        String service = executionAttributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String shownService = "SecretsManager".equals(service) ? "Secrets Manager" : "Sts".equals(service) ? "STS" : service;
        String source = (shownService == null ? "AWS" : "AWS " + shownService) + " response to "
                + (operation == null ? "the request" : operation);
        return context.responseBody().map(body -> new LimitedInputStream(body, source));
    }

    /**
     * Thrown when a response body is longer than {@link #MAX_RESPONSE_BYTES}. Unchecked and not an
     * {@link IOException}, so the SDK does not retry the call and read the body again.
     */
    static final class ResponseTooLargeException extends RuntimeException {

        private final String source;

        ResponseTooLargeException(String source) {
            super("The " + source + " is longer than " + MAX_RESPONSE_BYTES + " bytes; reading stopped there.");
            this.source = source;
        }

        /** Returns which response was too long, such as "AWS STS response to AssumeRole". */
        String source() {
            return source;
        }
    }

    private static final class LimitedInputStream extends FilterInputStream {

        private final String source;
        private long remaining = MAX_RESPONSE_BYTES;

        LimitedInputStream(InputStream in, String source) {
            super(in);
            this.source = source;
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
                throw new ResponseTooLargeException(source);
            }
        }
    }
}
