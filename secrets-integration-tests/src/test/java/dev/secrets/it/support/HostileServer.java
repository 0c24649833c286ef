package dev.secrets.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A raw HTTP/1.1 server on {@code 127.0.0.1} and an ephemeral port that responds to every request the
 * way a test tells it to, including ways no correct server would: malformed or truncated bodies,
 * endless bodies, resets, silence and broken status lines. Clients under test point their
 * endpoint at {@link #uri()}.
 *
 * <pre>{@code
 * try (HostileServer server = HostileServer.start(HostileServer.reply(200, "application/json", "{"))) {
 *     client.call(server.uri());
 * }
 * }</pre>
 *
 * <p>Each connection runs on its own daemon thread. {@link #close()} closes the listening socket
 * and every open connection, which also ends behaviours that hold a connection open.
 */
public final class HostileServer implements AutoCloseable {

    /** What the server does with one request; returns whether the connection may carry another. */
    @FunctionalInterface
    public interface Behaviour {

        boolean respond(Request request, Socket socket, OutputStream out, CountDownLatch closing) throws IOException;
    }

    /** A request as it arrived: method, target, headers with lower-case names, and body. */
    public record Request(String method, String target, Map<String, String> headers, byte[] body) {

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final ServerSocket listener;
    private final AtomicReference<Behaviour> behaviour;
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    private HostileServer(Behaviour behaviour) throws IOException {
        this.behaviour = new AtomicReference<>(behaviour);
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        Thread acceptor = new Thread(this::acceptLoop, "hostile-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a server that responds to every request with {@code behaviour}. */
    public static HostileServer start(Behaviour behaviour) {
        try {
            return new HostileServer(behaviour);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns {@code http://127.0.0.1:<port>}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** Replaces the behaviour for requests that arrive from now on. */
    public void behaviour(Behaviour value) {
        behaviour.set(value);
    }

    /** Returns the requests received so far, in order. */
    public List<Request> received() {
        return List.copyOf(received);
    }

    /** Closes the listening socket and every connection. Idempotent. */
    @Override
    public void close() {
        closing.countDown();
        try {
            listener.close();
        } catch (IOException e) {
            // Closing a listener only fails if it is closed already.
        }
        connections.forEach(HostileServer::closeQuietly);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return;
            }
            connections.add(socket);
            Thread handler = new Thread(() -> serve(socket), "hostile-server-connection");
            handler.setDaemon(true);
            handler.start();
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            boolean keepOpen = true;
            while (keepOpen && closing.getCount() > 0) {
                Request request = readRequest(in, out);
                if (request == null) {
                    return;
                }
                received.add(request);
                keepOpen = behaviour.get().respond(request, socket, out, closing);
                out.flush();
            }
        } catch (IOException e) {
            // The client hung up or the test closed the server; either ends this connection.
        } finally {
            connections.remove(socket);
        }
    }

    private static Request readRequest(InputStream in, OutputStream out) throws IOException {
        String head = readHead(in);
        if (head == null) {
            return null;
        }
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        if ("100-continue".equalsIgnoreCase(headers.getOrDefault("expect", ""))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        if (length < 0 || length > MAX_BODY_BYTES) {
            throw new IOException("request body of " + length + " bytes refused");
        }
        byte[] body = in.readNBytes(length);
        return new Request(requestLine[0], requestLine.length > 1 ? requestLine[1] : "", Map.copyOf(headers), body);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
            if (head.size() > MAX_HEADER_BYTES) {
                throw new IOException("request head too long");
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    // Behaviours.

    /** Responds with {@code status}, a content type and a complete body, and keeps the connection. */
    public static Behaviour reply(int status, String contentType, String body, String... extraHeaders) {
        return reply(status, contentType, body.getBytes(StandardCharsets.UTF_8), extraHeaders);
    }

    /** Responds with {@code status}, a content type and a complete body, and keeps the connection. */
    public static Behaviour reply(int status, String contentType, byte[] body, String... extraHeaders) {
        return (request, socket, out, closing) -> {
            out.write(head(status, contentType, body.length, extraHeaders));
            out.write(body);
            return true;
        };
    }

    /** Declares {@code declaredLength} body bytes, sends only {@code partial}, then closes normally. */
    public static Behaviour truncated(int status, String contentType, String partial, long declaredLength) {
        return (request, socket, out, closing) -> {
            writePartial(out, status, contentType, partial, declaredLength);
            socket.shutdownOutput();
            return false;
        };
    }

    /** Declares {@code declaredLength} body bytes, sends only {@code partial}, then resets the connection. */
    public static Behaviour resetMidBody(int status, String contentType, String partial, long declaredLength) {
        return (request, socket, out, closing) -> {
            writePartial(out, status, contentType, partial, declaredLength);
            reset(socket);
            return false;
        };
    }

    /** Reads the request and never sends a byte, until the server closes. */
    public static Behaviour neverAnswer() {
        return (request, socket, out, closing) -> {
            awaitClose(closing);
            return false;
        };
    }

    /** Sends the head and {@code partial} of a longer body, then sends nothing more until the server closes. */
    public static Behaviour stallMidBody(int status, String contentType, String partial, long declaredLength) {
        return (request, socket, out, closing) -> {
            writePartial(out, status, contentType, partial, declaredLength);
            awaitClose(closing);
            return false;
        };
    }

    /**
     * Sends a chunked body of {@code prefix} followed by {@code x} up to {@code totalBytes} bytes,
     * or until the client stops reading. With a prefix that opens a JSON string, the body stays
     * valid JSON up to the point where a client gives up.
     */
    public static Behaviour endlessBody(int status, String contentType, String prefix, long totalBytes) {
        return (request, socket, out, closing) -> {
            out.write(("HTTP/1.1 " + status + " Hostile\r\nContent-Type: " + contentType
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            byte[] start = prefix.getBytes(StandardCharsets.UTF_8);
            long sent = 0;
            try {
                writeChunk(out, start);
                sent += start.length;
                java.util.Arrays.fill(chunk, (byte) 'x');
                while (sent < totalBytes && closing.getCount() > 0) {
                    writeChunk(out, chunk);
                    sent += chunk.length;
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (SocketException e) {
                // The client stopped reading, as it should past its limit.
            }
            return false;
        };
    }

    private static void writeChunk(OutputStream out, byte[] chunk) throws IOException {
        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(chunk);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Writes {@code raw} as the whole response, whatever it contains, then closes. */
    public static Behaviour raw(String raw) {
        return (request, socket, out, closing) -> {
            out.write(raw.getBytes(StandardCharsets.UTF_8));
            out.flush();
            socket.shutdownOutput();
            return false;
        };
    }

    /** Returns the status line and headers of a response with a body of {@code length} bytes. */
    public static byte[] head(int status, String contentType, long length, String... extraHeaders) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(" Hostile\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        head.append("Content-Length: ").append(length).append("\r\n");
        for (String header : extraHeaders) {
            head.append(header).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void writePartial(OutputStream out, int status, String contentType, String partial,
            long declaredLength) throws IOException {
        out.write(head(status, contentType, declaredLength));
        out.write(partial.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    private static void awaitClose(CountDownLatch closing) {
        try {
            closing.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
