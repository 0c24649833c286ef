package dev.secrets.platform.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks platform endpoints and builds the URIs of API paths below them. */
public final class Endpoints {

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");

    private Endpoints() {
    }

    /**
     * Parses and checks an endpoint: {@code https://host[:port][/path]}, or {@code http://} for a
     * loopback host or when {@code allowInsecureHttp} is set. Hosts are judged by their text, never
     * by a DNS lookup.
     *
     * @throws IllegalArgumentException with a message that explains the problem and the fix
     */
    public static URI parse(String endpoint, boolean allowInsecureHttp, String insecureOptionName) {
        URI uri;
        try {
            uri = new URI(endpoint.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + endpoint + "' is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("'" + endpoint + "' must start with https:// (or http:// for a "
                    + "server on this machine)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("'" + endpoint + "' has no host name");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + redactUserInfo(uri) + "' must not contain user information, "
                    + "a query or a fragment; give only scheme, host, port and path");
        }
        if (scheme.equals("http") && !allowInsecureHttp && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("'" + endpoint + "' uses plain http:// to a host that is not on this "
                    + "machine, which would send credentials unencrypted; use https://, or set "
                    + insecureOptionName + " to true if a trusted network protects the connection");
        }
        return uri;
    }

    /** Returns {@code endpoint} with {@code path} appended to its own path. */
    public static URI resolve(URI endpoint, String path) {
        String base = endpoint.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path);
    }

    /** Returns whether {@code host} names the loopback interface: localhost, 127.0.0.0/8 or ::1. */
    public static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String lower = bare.toLowerCase(Locale.ROOT);
        return lower.equals("localhost") || IPV4_LOOPBACK.matcher(lower).matches()
                || lower.equals("::1") || lower.equals("0:0:0:0:0:0:0:1");
    }

    private static String redactUserInfo(URI uri) {
        return uri.getRawUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo(), "***");
    }
}
