package dev.secrets.platform.internal;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a reply body up to a byte limit. A body that goes past the limit cancels the
 * subscription, which closes the connection, and fails with {@link ResponseTooLargeException}, so
 * at most the limit plus one network buffer is ever held. {@link #abort} does the same for a
 * deadline.
 */
final class BoundedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

    private final long maxBytes;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    BoundedBodySubscriber(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void onSubscribe(Flow.Subscription newSubscription) {
        boolean cancel;
        synchronized (this) {
            subscription = newSubscription;
            cancel = body.isDone();
        }
        if (cancel) {
            newSubscription.cancel();
        } else {
            newSubscription.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            if ((long) buffer.size() + item.remaining() > maxBytes) {
                abort(new ResponseTooLargeException(maxBytes));
                return;
            }
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            buffer.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable failure) {
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        body.complete(buffer.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    /** Fails the body with {@code reason} and cancels the subscription, if any. */
    void abort(Throwable reason) {
        Flow.Subscription current;
        synchronized (this) {
            current = subscription;
        }
        if (body.completeExceptionally(reason) && current != null) {
            current.cancel();
        }
    }
}
