package dev.secrets.it.platform;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP proxy on 127.0.0.1 that forwards every request to one target and records the raw bytes
 * of each request and reply body, as someone on the wire between a node and the platform would
 * see them.
 */
final class RecordingProxy implements AutoCloseable {

    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "host", "upgrade",
            "transfer-encoding", "expect");

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<byte[]> requestBodies = new CopyOnWriteArrayList<>();
    private final List<byte[]> replyBodies = new CopyOnWriteArrayList<>();

    RecordingProxy(URI target) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] requestBody;
                try (InputStream in = exchange.getRequestBody()) {
                    requestBody = in.readAllBytes();
                }
                requestBodies.add(requestBody);
                HttpRequest.Builder forward = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().getPath()))
                        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(requestBody));
                exchange.getRequestHeaders().forEach((name, values) -> {
                    if (!HOP_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                        values.forEach(value -> forward.header(name, value));
                    }
                });
                HttpResponse<byte[]> reply = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
                replyBodies.add(reply.body());
                reply.headers().firstValue("Content-Type")
                        .ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
                exchange.sendResponseHeaders(reply.statusCode(), reply.body().length == 0 ? -1 : reply.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<byte[]> requestBodies() {
        return List.copyOf(requestBodies);
    }

    List<byte[]> replyBodies() {
        return List.copyOf(replyBodies);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
