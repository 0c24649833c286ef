package dev.secrets.benchmarks;

import dev.secrets.benchmarks.Figures.Figure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;
import org.openjdk.jmh.annotations.Mode;

/** Compares the figures of one run with the performance goals of this SDK. */
final class GoalCheck {

    static final double MAX_HIT_VS_FLOOR = 2;
    static final double MIN_HIT_SPEEDUP_VS_AWS = 3;
    static final long STAMPEDE_CALLS = 1;
    static final double MAX_EXPIRY_P99_MILLIS = 1;
    static final double MIN_EXPIRY_P99_VS_AWS = 20;
    static final long MAX_COLD_START_REQUESTS = 5;
    static final double MAX_MEMORY_VS_FLOOR = 2;

    private GoalCheck() {
    }

    /** Returns one goal per line of the output, in a fixed order. */
    static List<Goal> evaluate(Figures figures) {
        List<Goal> goals = new ArrayList<>();
        for (int threads : new int[] {1, 2}) {
            goals.add(hitVersusFloor(figures, threads));
            goals.add(hitVersusAws(figures, threads));
        }
        goals.add(stampede(figures));
        goals.add(expiryP99(figures));
        goals.add(expiryVersusAws(figures));
        goals.add(coldStart(figures));
        goals.add(memory(figures));
        return goals;
    }

    private static Goal hitVersusFloor(Figures figures, int threads) {
        return ratio("hit-latency-vs-floor-" + threadLabel(threads), hit(figures, "secrets", threads),
                hit(figures, "floor", threads), "<=2x", ratio -> ratio <= MAX_HIT_VS_FLOOR);
    }

    private static Goal hitVersusAws(Figures figures, int threads) {
        return ratio("hit-speedup-vs-aws-caching-client-" + threadLabel(threads),
                hit(figures, "awsCachingClient", threads), hit(figures, "secrets", threads), ">=3x",
                ratio -> ratio >= MIN_HIT_SPEEDUP_VS_AWS);
    }

    private static Goal stampede(Figures figures) {
        return count("stampede-backend-calls",
                figures.counterMean("StampedeBenchmark.stampede", "secrets", "backendCalls"), "==1",
                calls -> calls == STAMPEDE_CALLS);
    }

    private static Goal expiryP99(Figures figures) {
        String name = "expiry-p99-latency";
        Optional<Figure> p99 = expiryP99(figures, "secrets");
        if (p99.isEmpty()) {
            return Goal.missing(name, "<1ms");
        }
        double millis = p99.get().in(TimeUnit.MILLISECONDS).score();
        return new Goal(name, String.format(Locale.ROOT, "%.3fms", millis), "<1ms", millis < MAX_EXPIRY_P99_MILLIS);
    }

    private static Goal expiryVersusAws(Figures figures) {
        return ratio("expiry-p99-vs-aws-caching-client", expiryP99(figures, "aws-caching-client"),
                expiryP99(figures, "secrets"), ">=20x", ratio -> ratio >= MIN_EXPIRY_P99_VS_AWS);
    }

    private static Goal coldStart(Figures figures) {
        return count("cold-start-100-secrets-requests",
                figures.counterMean("ColdStartBenchmark.coldStart", "secrets-batch", "requests"), "<=5",
                requests -> requests <= MAX_COLD_START_REQUESTS);
    }

    private static Goal memory(Figures figures) {
        return ratio("memory-per-entry-vs-floor",
                figures.counterMean("MemoryBenchmark.fill", "secrets", "bytesPerEntry"),
                figures.counterMean("MemoryBenchmark.fill", "floor", "bytesPerEntry"), "<=2x",
                ratio -> ratio <= MAX_MEMORY_VS_FLOOR);
    }

    /** Returns the goal on {@code numerator / denominator}; both must have the same unit. */
    private static Goal ratio(String name, Optional<Figure> numerator, Optional<Figure> denominator, String target,
            DoublePredicate passes) {
        if (numerator.isEmpty() || denominator.isEmpty()) {
            return Goal.missing(name, target);
        }
        double ratio = numerator.get().score() / denominator.get().score();
        return new Goal(name, String.format(Locale.ROOT, "%.2fx", ratio), target, passes.test(ratio));
    }

    /** Returns the goal on a counter's mean per iteration. */
    private static Goal count(String name, Optional<Figure> counter, String target, DoublePredicate passes) {
        if (counter.isEmpty()) {
            return Goal.missing(name, target);
        }
        double mean = counter.get().score();
        String measured = mean == Math.rint(mean) ? String.valueOf((long) mean)
                : String.format(Locale.ROOT, "%.2f", mean);
        return new Goal(name, measured, target, passes.test(mean));
    }

    private static Optional<Figure> expiryP99(Figures figures, String contender) {
        return figures.percentile("ExpiryBenchmark.read", contender, "p0.99").map(p99 -> p99.in(TimeUnit.NANOSECONDS));
    }

    private static Optional<Figure> hit(Figures figures, String method, int threads) {
        return figures.primary("HitBenchmark." + method, null, threads, Mode.AverageTime);
    }

    private static String threadLabel(int threads) {
        return threads == 1 ? "1-thread" : threads + "-threads";
    }

    /** One line of the goal report. */
    record Goal(String name, String measured, String target, boolean pass) {

        static Goal missing(String name, String target) {
            return new Goal(name, "n/a", target, false);
        }

        /** Returns {@code name measured target pass|fail}. */
        String line() {
            return name + " " + measured + " " + target + " " + (pass ? "pass" : "fail");
        }
    }
}
