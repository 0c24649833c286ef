package dev.secrets.benchmarks;

import dev.secrets.platform.SealedValues;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cryptographic cost per value of the platform's sealed resolution, without HTTP, against a
 * plain copy of the same 64 bytes. To seal one value, the server makes an ephemeral X25519 key
 * pair and runs X25519, HKDF-SHA256 and AES-256-GCM. To open it, the node runs X25519,
 * HKDF-SHA256 and AES-256-GCM.
 *
 * <p>The node also makes one X25519 key pair per request, whatever the number of values in it;
 * {@link #newRecipient()} measures that.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SealingBenchmark {

    private final byte[] plaintext = HitBenchmark.VALUE.getBytes(StandardCharsets.UTF_8);
    private SealedValues.Recipient recipient;
    private byte[] recipientPublicKey;

    @Setup
    public void createRecipient() {
        recipient = SealedValues.newRecipient();
        recipientPublicKey = recipient.publicKey();
    }

    /** Seals one value for the node and opens it again. */
    @Benchmark
    public byte[] sealAndOpen() {
        byte[] sealed = SealedValues.seal(recipientPublicKey, HitBenchmark.NAME, plaintext);
        return recipient.open(HitBenchmark.NAME, sealed);
    }

    /** The node's key pair of one request. */
    @Benchmark
    public SealedValues.Recipient newRecipient() {
        return SealedValues.newRecipient();
    }

    /** Copies the 64 bytes, which is what an unsealed value costs at the same step. */
    @Benchmark
    public byte[] copy() {
        return plaintext.clone();
    }
}
