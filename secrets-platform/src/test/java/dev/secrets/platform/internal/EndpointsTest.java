package dev.secrets.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    @Test
    void loopbackHostsAreRecognisedByText() {
        for (String host : new String[] {"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "[::1]", "::1"}) {
            assertTrue(Endpoints.isLoopback(host), host);
        }
        for (String host : new String[] {"localhost.example.com", "128.0.0.1", "10.0.0.1", "127.0.0.256",
            "platform.example.com", "[::2]"}) {
            assertFalse(Endpoints.isLoopback(host), host);
        }
    }

    @Test
    void plainHttpToRemoteHostIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Endpoints.parse("http://platform.example.com/api", false, "allow-insecure-http"));

        assertEquals("'http://platform.example.com/api' uses plain http:// to a host that is not on this machine, "
                + "which would send credentials unencrypted; use https://, or set allow-insecure-http to true if a "
                + "trusted network protects the connection", error.getMessage());
    }

    @Test
    void plainHttpAllowedWhenConfigured() {
        URI uri = Endpoints.parse("http://platform.example.com/api", true, "allow-insecure-http");

        assertEquals("platform.example.com", uri.getHost());
    }

    @Test
    void plainHttpToLoopbackIsAccepted() {
        URI uri = Endpoints.parse("http://127.0.0.1:8080", false, "allow-insecure-http");

        assertEquals(8080, uri.getPort());
    }

    @Test
    void otherSchemesAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Endpoints.parse("ftp://platform.example.com", false, "x"));

        assertEquals("'ftp://platform.example.com' must start with https:// (or http:// for a server on this "
                + "machine)", error.getMessage());
    }

    @Test
    void userInfoIsRejectedWithoutShowingIt() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Endpoints.parse("https://user:hunter2@platform.example.com", false, "x"));

        assertFalse(error.getMessage().contains("hunter2"), error.getMessage());
        assertTrue(error.getMessage().contains("must not contain user information"), error.getMessage());
    }

    @Test
    void resolveAppendsToBasePath() {
        assertEquals(URI.create("https://h/api/user/secrets/add"),
                Endpoints.resolve(URI.create("https://h/api/"), "/user/secrets/add"));
        assertEquals(URI.create("https://h/node/secrets/resolve"),
                Endpoints.resolve(URI.create("https://h"), "/node/secrets/resolve"));
    }
}
