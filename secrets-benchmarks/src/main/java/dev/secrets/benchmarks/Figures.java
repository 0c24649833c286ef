package dev.secrets.benchmarks;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/**
 * The results of one run of {@link Goals}, looked up by benchmark, contender, threads and mode,
 * and printed as a table.
 *
 * <p>Counters ({@code @AuxCounters}) are read as their mean per iteration, because JMH reports
 * their sum over the iterations. Throughput is converted to operations per second.
 */
final class Figures {

    private static final List<String> PERCENTILES = List.of("p0.50", "p0.99", "p0.999", "p1.00");

    /** The label of the GC profiler's bytes allocated per operation. */
    private static final String ALLOCATION = "gc.alloc.rate.norm";

    private final List<RunResult> results;

    Figures(List<RunResult> results) {
        this.results = List.copyOf(results);
    }

    /** A score, its error (half the 99.9% confidence interval; NaN with too few iterations) and unit. */
    record Figure(double score, double error, String unit) {

        /** Returns this figure converted to {@code unit}, which must be a time per operation. */
        Figure in(TimeUnit target) {
            double factor = nanosPer(unit) / nanosPer(suffix(target));
            return new Figure(score * factor, error * factor, suffix(target));
        }

        private static double nanosPer(String timePerOperation) {
            switch (timePerOperation) {
                case "ns/op":
                    return 1;
                case "us/op":
                    return 1e3;
                case "ms/op":
                    return 1e6;
                case "s/op":
                    return 1e9;
                default:
                    throw new IllegalArgumentException("not a time per operation: " + timePerOperation);
            }
        }

        private static String suffix(TimeUnit unit) {
            switch (unit) {
                case NANOSECONDS:
                    return "ns/op";
                case MICROSECONDS:
                    return "us/op";
                case MILLISECONDS:
                    return "ms/op";
                default:
                    return "s/op";
            }
        }
    }

    /** Returns the primary result of a benchmark method, such as {@code HitBenchmark.floor}. */
    Optional<Figure> primary(String method, String contender, int threads, Mode mode) {
        return find(method, contender, threads, mode).map(result -> toFigure(result.getPrimaryResult()));
    }

    /** Returns the mean per iteration of counter {@code counter}. */
    Optional<Figure> counterMean(String method, String contender, String counter) {
        return find(method, contender, -1, null).map(result -> result.getSecondaryResults().get(counter))
                .map(Figures::meanPerIteration);
    }

    /** Returns a percentile, such as {@code p0.99}, of a sampling-mode benchmark. */
    Optional<Figure> percentile(String method, String contender, String percentile) {
        return find(method, contender, -1, Mode.SampleTime)
                .map(result -> result.getSecondaryResults().get(percentile))
                .map(result -> new Figure(result.getScore(), Double.NaN, result.getScoreUnit()));
    }

    /** Prints one line per result with its counters or percentiles. */
    void print(PrintStream out) {
        out.printf(Locale.ROOT, "%-34s %-19s %3s %-6s %14s %12s  %s%n", "benchmark", "contender", "thr", "mode",
                "score", "error", "unit");
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            Figure primary = toFigure(result.getPrimaryResult());
            if (params.getMode() == Mode.Throughput) {
                primary = perSecond(primary);
            }
            out.printf(Locale.ROOT, "%-34s %-19s %3d %-6s %14.3f %12s  %s%n", shortName(params.getBenchmark()),
                    contender(params), params.getThreads(), params.getMode().shortLabel(), primary.score(),
                    error(primary.error()), primary.unit());
            printSecondary(out, result);
        }
    }

    private void printSecondary(PrintStream out, RunResult result) {
        for (Map.Entry<String, Result> entry : result.getSecondaryResults().entrySet()) {
            String label = entry.getKey();
            Result secondary = entry.getValue();
            if (PERCENTILES.contains(label)) {
                out.printf(Locale.ROOT, "    %-8s %14.3f %s%n", label, secondary.getScore(), secondary.getScoreUnit());
            } else if (label.equals(ALLOCATION)) {
                out.printf(Locale.ROOT, "    %-18s %10.1f %s%n", label, secondary.getScore(), secondary.getScoreUnit());
            } else if (!label.startsWith("p") && !label.startsWith("gc.")) {
                Figure mean = meanPerIteration(secondary);
                Statistics statistics = secondary.getStatistics();
                out.printf(Locale.ROOT, "    %-14s %12.3f %12s  per iteration (min %.3f, max %.3f, %d iterations)%n",
                        label, mean.score(), error(mean.error()), statistics.getMin(), statistics.getMax(),
                        statistics.getN());
            }
        }
    }

    private Optional<RunResult> find(String method, String contender, int threads, Mode mode) {
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            boolean sameMethod = shortName(params.getBenchmark()).equals(method);
            boolean sameContender = contender == null || contender.equals(params.getParam("contender"));
            boolean sameThreads = threads < 0 || params.getThreads() == threads;
            boolean sameMode = mode == null || params.getMode() == mode;
            if (sameMethod && sameContender && sameThreads && sameMode) {
                return Optional.of(result);
            }
        }
        return Optional.empty();
    }

    private static Figure toFigure(Result result) {
        return new Figure(result.getScore(), result.getScoreError(), result.getScoreUnit());
    }

    private static Figure meanPerIteration(Result counter) {
        Statistics statistics = counter.getStatistics();
        double error = statistics.getN() > 2 ? statistics.getMeanErrorAt(0.999) : Double.NaN;
        return new Figure(statistics.getMean(), error, counter.getScoreUnit());
    }

    private static Figure perSecond(Figure throughput) {
        double factor;
        switch (throughput.unit()) {
            case "ops/ns":
                factor = 1e9;
                break;
            case "ops/us":
                factor = 1e6;
                break;
            case "ops/ms":
                factor = 1e3;
                break;
            default:
                return throughput;
        }
        return new Figure(throughput.score() * factor, throughput.error() * factor, "ops/s");
    }

    private static String contender(BenchmarkParams params) {
        String contender = params.getParam("contender");
        return contender == null ? "-" : contender;
    }

    private static String error(double error) {
        return Double.isNaN(error) ? "" : String.format(Locale.ROOT, "± %.3f", error);
    }

    /** Returns {@code Class.method} of a fully qualified benchmark name. */
    static String shortName(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        int type = benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(type + 1);
    }
}
