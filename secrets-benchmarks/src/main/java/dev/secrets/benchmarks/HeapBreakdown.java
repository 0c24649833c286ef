package dev.secrets.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Shows which classes make up the heap per entry that {@link MemoryBenchmark} measures: fills one
 * contender with {@value MemoryBenchmark#ENTRIES} secrets of 64 bytes and prints the difference
 * of two class histograms of live objects, before and after, per entry.
 *
 * <pre>{@code
 * java -cp secrets-benchmarks/target/benchmarks.jar dev.secrets.benchmarks.HeapBreakdown secrets
 * }</pre>
 *
 * <p>The argument is a contender id ({@code secrets}, {@code floor}, {@code aws-caching-client}).
 * Classes that add less than two bytes per entry are left out of the list but not out of the
 * total. The histograms come from the HotSpot diagnostic command {@code GC.class_histogram}, which
 * runs a full collection first.
 */
public final class HeapBreakdown {

    private static final String DIAGNOSTIC_COMMANDS = "com.sun.management:type=DiagnosticCommand";

    private HeapBreakdown() {
    }

    /** Fills the contender named by {@code args[0]} and prints bytes per entry by class. */
    public static void main(String[] args) throws JMException {
        if (args.length != 1) {
            throw new IllegalArgumentException("Expected one argument, the contender: secrets, floor or "
                    + "aws-caching-client");
        }
        int entries = MemoryBenchmark.ENTRIES;
        List<String> names = ColdStartBenchmark.names(entries);
        FakeSecretsManager backend = new FakeSecretsManager();
        names.forEach(name -> backend.putSecret(name, HitBenchmark.VALUE));

        try (SecretReader reader = Contender.of(args[0]).create(backend, CacheSettings.noExpiry(2 * entries))) {
            Map<String, long[]> before = histogram();
            reader.readAll(names);
            Map<String, long[]> after = histogram();
            Reference.reachabilityFence(reader);
            print(before, after, entries);
        }
    }

    private static void print(Map<String, long[]> before, Map<String, long[]> after, int entries) {
        List<Map.Entry<String, Long>> grown = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, long[]> entry : after.entrySet()) {
            long[] earlier = before.getOrDefault(entry.getKey(), new long[2]);
            long bytes = entry.getValue()[1] - earlier[1];
            total += bytes;
            if (bytes >= 2L * entries) {
                grown.add(Map.entry(entry.getKey(), bytes));
            }
        }
        grown.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        for (Map.Entry<String, Long> entry : grown) {
            long instances = after.get(entry.getKey())[0] - before.getOrDefault(entry.getKey(), new long[2])[0];
            System.out.printf(Locale.ROOT, "%8.1f B/entry  %9d instances  %s%n", (double) entry.getValue() / entries,
                    instances, entry.getKey());
        }
        System.out.printf(Locale.ROOT, "%8.1f B/entry  total%n", (double) total / entries);
    }

    /** Returns instances and bytes of live objects by class name. */
    private static Map<String, long[]> histogram() throws JMException {
        String table = (String) ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(DIAGNOSTIC_COMMANDS),
                "gcClassHistogram", new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, long[]> classes = new HashMap<>();
        for (String line : table.split("\n")) {
            String[] columns = line.trim().split("\\s+");
            // Rows read "1:  instances  bytes  class-name"; the header and the total row do not.
            if (columns.length >= 4 && columns[0].endsWith(":")) {
                classes.put(columns[3], new long[] {Long.parseLong(columns[1]), Long.parseLong(columns[2])});
            }
        }
        return classes;
    }
}
