package dev.secrets.it.leak;

import dev.secrets.it.support.Canary;
import dev.secrets.it.support.LeakScan;
import java.io.ByteArrayOutputStream;

/** The canaries of one leak test: each kind of value a store or a configuration contains. */
record LeakCanaries(Canary text, Canary field, Canary binary, Canary written, Canary token) {

    static LeakCanaries create() {
        return new LeakCanaries(Canary.create("text"), Canary.create("field"), Canary.create("binary"),
                Canary.create("written"), Canary.create("token"));
    }

    /** Returns a JSON object whose {@code password} field is the field canary. */
    String json() {
        return "{\"user\": \"app\", \"password\": \"" + field.text() + "\"}";
    }

    /** Returns the binary canary followed by bytes that are not UTF-8. */
    byte[] binaryValue() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(binary.utf8());
        bytes.writeBytes(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF});
        return bytes.toByteArray();
    }

    /** Returns a scan that looks for all of these canaries. */
    LeakScan scan() {
        return new LeakScan(text, field, binary, written, token);
    }
}
