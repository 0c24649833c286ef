package dev.secrets.platform.internal;

import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends JSON POST requests and reads their replies with a deadline and a size limit.
 *
 * <p>The deadline covers the whole exchange, body included: the JDK's request timeout stops only
 * the wait for the status line and headers, so a server that trickles its body would otherwise
 * hold the caller forever. Thread-safe.
 */
public final class PlatformHttp implements AutoCloseable {

    /** Set by {@link #close()}; later requests fail at once, also on JDK 17, which cannot stop the client. */
    private volatile boolean closed;

    private final HttpClient client;
    private final boolean ownsClient;
    private final Duration requestTimeout;
    private final long maxResponseBytes;

    /**
     * Creates a transport.
     *
     * @param client the HTTP client
     * @param ownsClient whether {@link #close()} should shut the client down
     * @param requestTimeout the deadline of one exchange, from sending to the last body byte
     * @param maxResponseBytes the largest reply body read; a longer one fails
     */
    public PlatformHttp(HttpClient client, boolean ownsClient, Duration requestTimeout, long maxResponseBytes) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.requestTimeout = requestTimeout;
        this.maxResponseBytes = maxResponseBytes;
    }

    /** Creates a client that never follows redirects, so credentials stay with the endpoint's host. */
    public static HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Posts {@code body} as JSON. The future completes with the reply of any status, or fails
     * with an {@link java.io.IOException}: {@link HttpTimeoutException} at the deadline,
     * {@link ResponseTooLargeException} past the size limit, others for connection failures.
     *
     * @throws IllegalStateException if this transport was closed
     */
    public CompletableFuture<Reply> post(URI uri, Map<String, String> headers, byte[] body) {
        if (closed) {
            throw new IllegalStateException("The platform HTTP client is closed; create a new client.");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            // Plain-text HTTP/2 would start with an h2c upgrade that some proxies mishandle.
            request.version(HttpClient.Version.HTTP_1_1);
        }
        headers.forEach(request::header);

        AtomicReference<BoundedBodySubscriber> subscriber = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request.build(), info -> {
            BoundedBodySubscriber bounded = new BoundedBodySubscriber(maxResponseBytes);
            subscriber.set(bounded);
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1L);
            if (declared > maxResponseBytes) {
                bounded.abort(new ResponseTooLargeException(maxResponseBytes));
            }
            return bounded;
        });

        CompletableFuture<Reply> reply = new CompletableFuture<>();
        exchange.whenComplete((response, failure) -> {
            if (failure != null) {
                reply.completeExceptionally(failure);
            } else {
                reply.complete(new Reply(response.statusCode(), response.headers(), response.body()));
            }
        });
        Executor atDeadline = CompletableFuture.delayedExecutor(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        atDeadline.execute(() -> {
            HttpTimeoutException timeout = new HttpTimeoutException("no complete reply within " + requestTimeout);
            if (reply.completeExceptionally(timeout)) {
                BoundedBodySubscriber bounded = subscriber.get();
                if (bounded != null) {
                    bounded.abort(timeout);
                }
                exchange.cancel(true);
            }
        });
        return reply;
    }

    /** Returns the deadline of one exchange. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Returns the largest reply body read, in bytes. */
    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    /**
     * Shuts the client down if this transport created it, aborting exchanges still in flight.
     * JDK 21 added {@code HttpClient.shutdownNow()}, so it is called by reflection on the JDK 17
     * API. On JDK 17 there is nothing to call, and the client's threads end once it is unreferenced.
     */
    @Override
    public void close() {
        closed = true;
        if (!ownsClient) {
            return;
        }
        Method shutdownNow;
        try {
            shutdownNow = HttpClient.class.getMethod("shutdownNow");
        } catch (NoSuchMethodException e) {
            return;
        }
        try {
            shutdownNow.invoke(client);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Shutting down the HTTP client failed", e);
        }
    }

    /** A reply: status, headers and the whole body. */
    public record Reply(int status, HttpHeaders headers, byte[] body) {

        /** Returns whether the Content-Type is JSON ({@code application/json} or {@code +json}). */
        public boolean isJson() {
            String type = contentType();
            int semicolon = type.indexOf(';');
            String mediaType = (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(java.util.Locale.ROOT);
            return mediaType.equals("application/json") || (mediaType.startsWith("application/")
                    && mediaType.endsWith("+json"));
        }

        /** Returns the Content-Type header, or an empty string. */
        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return "Reply[status=" + status + ", content-type=" + contentType() + ", " + body.length + " bytes]";
        }
    }
}
