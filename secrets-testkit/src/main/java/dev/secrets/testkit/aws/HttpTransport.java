package dev.secrets.testkit.aws;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minimal HTTP/1.1 server on the loopback interface, with keep-alive and one pooled thread per
 * connection.
 *
 * <p>It exists instead of {@code com.sun.net.httpserver} because that server always sets the
 * {@code Date} response header to the machine's time, and the AWS SDK reads the server's clock
 * from that header to correct clock skew. Here the header comes from the server's own clock.
 */
final class HttpTransport implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    /** Handles one request; called concurrently from connection threads. */
    interface Handler {
        Reply handle(Request request) throws InterruptedException;
    }

    /** A received request. Header names are lower case; repeated headers keep every value. */
    record Request(String method, String target, Map<String, List<String>> headers, byte[] body) {

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : String.join(",", values);
        }

        String path() {
            int query = target.indexOf('?');
            return query < 0 ? target : target.substring(0, query);
        }

        String query() {
            int query = target.indexOf('?');
            return query < 0 ? "" : target.substring(query + 1);
        }
    }

    /** A reply to send. */
    record Reply(int status, String contentType, byte[] body) {
    }

    private final Handler handler;
    private final Supplier<Instant> clock;
    private final ServerSocket serverSocket;
    private final ExecutorService connections;
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    HttpTransport(Handler handler, Supplier<Instant> clock) throws IOException {
        this.handler = handler;
        this.clock = clock;
        this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        AtomicInteger threadNumber = new AtomicInteger();
        this.connections = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "local-aws-connection-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.acceptor = new Thread(this::acceptLoop, "local-aws-acceptor-" + serverSocket.getLocalPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** Returns the port the server listens on. */
    int port() {
        return serverSocket.getLocalPort();
    }

    /** Stops accepting, closes every connection and interrupts handlers that are still running. */
    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException e) {
            LOG.debug("Closing the listening socket failed", e);
        }
        for (Socket socket : openSockets) {
            closeQuietly(socket);
        }
        connections.shutdownNow();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = serverSocket.accept();
                openSockets.add(socket);
                connections.execute(() -> serve(socket));
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("Accepting a connection on port {} failed", port(), e);
                }
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            // Send each reply in one write with Nagle's algorithm off, because a head and body sent
            // as two small segments wait for the client's delayed ACK (about 40 ms on Linux).
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            while (!closed) {
                Request request = readRequest(in, out);
                if (request == null) {
                    return;
                }
                Reply reply = handler.handle(request);
                boolean keepAlive = !"close".equalsIgnoreCase(request.header("connection"));
                writeReply(out, reply, keepAlive);
                if (!keepAlive) {
                    return;
                }
            }
        } catch (SocketException e) {
            LOG.debug("Connection closed while serving a request", e);
        } catch (IOException e) {
            LOG.debug("Connection failed while serving a request", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            openSockets.remove(socket);
        }
    }

    private static Request readRequest(InputStream in, OutputStream out) throws IOException {
        String requestLine = readLine(in);
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3) {
            throw new IOException("Malformed request line");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int headerBytes = 0;
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            headerBytes += line.length();
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new IOException("Request headers exceed " + MAX_HEADER_BYTES + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                headers.computeIfAbsent(name, key -> new ArrayList<>()).add(line.substring(colon + 1).trim());
            }
        }
        if ("100-continue".equalsIgnoreCase(first(headers, "expect"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        byte[] body = readBody(in, headers);
        return new Request(parts[0], parts[1], headers, body);
    }

    private static byte[] readBody(InputStream in, Map<String, List<String>> headers) throws IOException {
        String transferEncoding = first(headers, "transfer-encoding");
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return readChunked(in);
        }
        String contentLength = first(headers, "content-length");
        if (contentLength == null) {
            return new byte[0];
        }
        int length = Integer.parseInt(contentLength.trim());
        if (length < 0 || length > MAX_BODY_BYTES) {
            throw new IOException("Request body of " + length + " bytes is out of range");
        }
        return in.readNBytes(length);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            if (sizeLine == null) {
                throw new IOException("Connection closed inside a chunked body");
            }
            int extension = sizeLine.indexOf(';');
            int size = Integer.parseInt((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
            if (size == 0) {
                for (String trailer = readLine(in); trailer != null && !trailer.isEmpty(); trailer = readLine(in)) {
                    // Trailers are not used by AWS requests; skip them.
                }
                return body.toByteArray();
            }
            if (body.size() + size > MAX_BODY_BYTES) {
                throw new IOException("Chunked request body exceeds " + MAX_BODY_BYTES + " bytes");
            }
            body.write(in.readNBytes(size));
            readLine(in);
        }
    }

    private void writeReply(OutputStream out, Reply reply, boolean keepAlive) throws IOException {
        StringBuilder head = new StringBuilder()
                .append("HTTP/1.1 ").append(reply.status()).append(' ').append(reason(reply.status())).append("\r\n")
                .append("Date: ").append(HTTP_DATE.format(clock.get())).append("\r\n")
                .append("Content-Type: ").append(reply.contentType()).append("\r\n")
                .append("Content-Length: ").append(reply.body().length).append("\r\n")
                .append("x-amzn-RequestId: ").append(java.util.UUID.randomUUID()).append("\r\n")
                .append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(reply.body());
        out.flush();
    }

    /** Reads one CRLF-terminated line as ISO-8859-1; returns null at the end of the stream. */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) c);
            if (line.length() > MAX_HEADER_BYTES) {
                throw new IOException("Request line exceeds " + MAX_HEADER_BYTES + " bytes");
            }
        }
        return line.length() == 0 ? null : line.toString();
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String reason(int status) {
        switch (status) {
            case 200:
                return "OK";
            case 400:
                return "Bad Request";
            case 403:
                return "Forbidden";
            case 404:
                return "Not Found";
            case 500:
                return "Internal Server Error";
            case 503:
                return "Service Unavailable";
            default:
                return "Status";
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("Closing a connection failed", e);
        }
    }
}
