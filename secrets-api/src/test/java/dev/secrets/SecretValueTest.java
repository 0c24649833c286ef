package dev.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretValueTest {

    @Test
    void toStringRedacted() {
        SecretValue value = SecretValue.ofUtf8("hunter2");

        assertEquals("***", value.toString());
        assertEquals("***", String.valueOf(value));
    }

    @Test
    void accessorsReturnCopies() {
        SecretValue value = SecretValue.ofUtf8("abc");

        byte[] bytes = value.asBytes();
        bytes[0] = 'X';
        char[] chars = value.asChars();
        chars[0] = 'Y';

        assertEquals("abc", value.asString());
    }

    @Test
    void factoryCopiesInput() {
        byte[] input = {1, 2, 3};
        SecretValue value = SecretValue.of(input);

        input[0] = 9;

        assertArrayEquals(new byte[] {1, 2, 3}, value.asBytes());
    }

    @Test
    void closeWipesAndBlocksAccess() {
        SecretValue value = SecretValue.ofUtf8("abc");

        value.close();

        assertTrue(value.isDestroyed());
        IllegalStateException failure = assertThrows(IllegalStateException.class, value::asString);
        assertEquals("The secret value was closed and its bytes were wiped; resolve it again to read it.", failure.getMessage());
        assertThrows(IllegalStateException.class, value::asBytes);
        assertThrows(IllegalStateException.class, value::size);
        value.close();
    }

    @Test
    void invalidUtf8IsFormatError() {
        SecretValue value = SecretValue.of(new byte[] {(byte) 0xc3, (byte) 0x28})
                .withOrigin(SecretReference.parse("binary-key"), "memory");

        SecretFormatException failure = assertThrows(SecretFormatException.class, value::asString);

        assertEquals("The value of secret 'binary-key' is not valid UTF-8 text (it has 2 bytes, probably a binary secret). "
                + "Read it with asBytes() instead.", failure.getMessage());
        assertArrayEquals(new byte[] {(byte) 0xc3, (byte) 0x28}, value.asBytes());
    }

    @Test
    void noValueBasedEquality() {
        SecretValue first = SecretValue.ofUtf8("same");
        SecretValue second = SecretValue.ofUtf8("same");

        assertNotEquals(first, second);
        assertTrue(first.contentEquals(second));
        assertFalse(first.contentEquals(SecretValue.ofUtf8("other")));
    }

    @Test
    void readRacingCloseNeverSeesHalfWipedBytes() throws Exception {
        byte[] pattern = new byte[4096];
        java.util.Arrays.fill(pattern, (byte) 0x7f);
        int halfWiped = 0;
        for (int round = 0; round < 500; round++) {
            SecretValue value = SecretValue.of(pattern);
            java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
            Thread closer = new Thread(() -> {
                started.countDown();
                value.close();
            });
            closer.start();
            started.await();
            for (int read = 0; read < 50; read++) {
                try {
                    byte[] copy = value.asBytes();
                    if (!java.util.Arrays.equals(pattern, copy)) {
                        halfWiped++;
                    }
                } catch (IllegalStateException closed) {
                    break;
                }
            }
            closer.join();
        }

        assertEquals(0, halfWiped, "a read returned bytes that close() was wiping");
    }

    @Test
    void originRecorded() {
        SecretValue value = SecretValue.of("x".getBytes(StandardCharsets.UTF_8)).withOrigin(SecretReference.parse("a:b"), "vault");

        assertEquals("a:b", value.reference().orElseThrow().toString());
        assertEquals("vault", value.store().orElseThrow());
    }
}
