package dev.secrets.aws;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AwsHttpClientTest {

    /**
     * The Apache HTTP client logs whole response bodies at DEBUG level, secret values included, so
     * the module excludes it and its stores use the URL connection client.
     */
    @Test
    void apacheClientIsNotOnClassPath() {
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("software.amazon.awssdk.http.apache5.Apache5HttpClient"));
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("software.amazon.awssdk.http.apache.ApacheHttpClient"));
    }
}
