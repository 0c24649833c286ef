package dev.secrets.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RetainedHeapTest {

    @Test
    void measuresArraysOf64Bytes() {
        int entries = 100_000;

        double perEntry = RetainedHeap.bytesPerEntry(entries, () -> {
            byte[][] arrays = new byte[entries][];
            for (int i = 0; i < entries; i++) {
                arrays[i] = new byte[64];
            }
            return arrays;
        });

        // A 64-byte array takes 80 bytes with its header, and the outer array 4 or 8 more per entry.
        assertTrue(perEntry > 75, "measured " + perEntry + " bytes per entry");
        assertTrue(perEntry < 100, "measured " + perEntry + " bytes per entry");
    }
}
