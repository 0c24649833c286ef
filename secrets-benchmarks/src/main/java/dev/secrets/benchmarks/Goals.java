package dev.secrets.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every benchmark of this module in one go, prints each figure with its error, and then one
 * line per goal: {@code goal-name measured goal pass|fail}. The ratios come from figures of this
 * same run.
 *
 * <pre>{@code
 * java -cp secrets-benchmarks/target/benchmarks.jar dev.secrets.benchmarks.Goals          # short, under 3 minutes
 * java -cp secrets-benchmarks/target/benchmarks.jar dev.secrets.benchmarks.Goals --full   # longer iterations, 2 forks
 * }</pre>
 *
 * <p>Options: {@code --full} runs more and longer iterations; {@code --result FILE} also writes
 * every JMH result as JSON; {@code --verbose} shows JMH's own progress output. The cache hit
 * benchmarks run with JMH's GC profiler, which adds the bytes allocated per read.
 */
public final class Goals {

    private final Profile profile;
    private final VerboseMode verbosity;
    private final List<RunResult> results = new ArrayList<>();

    private Goals(Profile profile, VerboseMode verbosity) {
        this.profile = profile;
        this.verbosity = verbosity;
    }

    /**
     * Runs the benchmarks and prints the figures and goal lines. Exits with status 0 also when a
     * goal fails, because a missed goal is a finding, not an error of the run.
     */
    public static void main(String[] args) throws RunnerException, IOException {
        Profile profile = Profile.SHORT;
        VerboseMode verbosity = VerboseMode.SILENT;
        Path resultFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--full" -> profile = Profile.FULL;
                case "--verbose" -> verbosity = VerboseMode.NORMAL;
                case "--result" -> resultFile = Path.of(argumentOf(args, ++i, "--result"));
                default -> throw new IllegalArgumentException("Unknown argument '" + args[i]
                        + "'; expected --full, --verbose or --result FILE");
            }
        }
        Goals goals = new Goals(profile, verbosity);
        goals.runAll();
        Figures figures = new Figures(goals.results);
        System.out.println();
        figures.print(System.out);
        System.out.println();
        for (GoalCheck.Goal goal : GoalCheck.evaluate(figures)) {
            System.out.println(goal.line());
        }
        if (resultFile != null) {
            goals.writeJson(resultFile);
        }
    }

    private static String argumentOf(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a file name");
        }
        return args[index];
    }

    private void runAll() throws RunnerException {
        for (int threads : new int[] {1, 2}) {
            run("hit, " + threads + " thread(s)", hitOptions(threads));
        }
        run("stampede", options(StampedeBenchmark.class).warmupIterations(profile.roundWarmups)
                .measurementIterations(profile.roundMeasurements));
        run("expiry", options(ExpiryBenchmark.class).warmupIterations(1).warmupTime(profile.expiryWarmup)
                .measurementIterations(profile.expiryIterations).measurementTime(profile.expiryIteration));
        run("cold start", options(ColdStartBenchmark.class).warmupIterations(profile.roundWarmups)
                .measurementIterations(profile.roundMeasurements));
        run("sealing", timed(options(SealingBenchmark.class)));
        run("platform", timed(options(PlatformBenchmark.class)));
        run("memory", options(MemoryBenchmark.class).warmupIterations(profile.memoryWarmups)
                .measurementIterations(profile.memoryMeasurements));
    }

    private ChainedOptionsBuilder hitOptions(int threads) {
        ChainedOptionsBuilder options = timed(options(HitBenchmark.class)).threads(threads).mode(Mode.AverageTime)
                .addProfiler(GCProfiler.class);
        if (profile == Profile.FULL) {
            options.mode(Mode.Throughput);
        }
        return options;
    }

    private ChainedOptionsBuilder options(Class<?> benchmark) {
        return new OptionsBuilder()
                .include(benchmark.getName() + "\\.")
                .forks(profile.forks)
                .shouldFailOnError(true)
                .verbosity(verbosity);
    }

    private ChainedOptionsBuilder timed(ChainedOptionsBuilder options) {
        return options.warmupIterations(profile.warmups).warmupTime(profile.iteration)
                .measurementIterations(profile.measurements).measurementTime(profile.iteration);
    }

    private void run(String group, ChainedOptionsBuilder options) throws RunnerException {
        long start = System.nanoTime();
        System.err.printf(Locale.ROOT, "Running the %s benchmarks%n", group);
        Collection<RunResult> run = new Runner(options.build()).run();
        results.addAll(run);
        System.err.printf(Locale.ROOT, "  done in %.0f s%n", (System.nanoTime() - start) / 1e9);
    }

    private void writeJson(Path file) throws IOException {
        try (PrintStream out = new PrintStream(file.toFile(), StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(results);
        }
    }

    /** How long the benchmarks run. */
    private enum Profile {

        /** Few, short iterations and one fork: under 3 minutes on 2 cores, with wider errors. */
        SHORT(1, 2, 3, TimeValue.milliseconds(500), 1, 5, TimeValue.seconds(2), 1, TimeValue.seconds(6), 0, 2),

        /** The iterations the figures in docs/benchmarks.md come from. */
        FULL(2, 3, 5, TimeValue.seconds(1), 3, 10, TimeValue.seconds(3), 3, TimeValue.seconds(5), 1, 3);

        final int forks;
        final int warmups;
        final int measurements;
        final TimeValue iteration;
        final int roundWarmups;
        final int roundMeasurements;
        final TimeValue expiryWarmup;
        final int expiryIterations;
        final TimeValue expiryIteration;
        final int memoryWarmups;
        final int memoryMeasurements;

        Profile(int forks, int warmups, int measurements, TimeValue iteration, int roundWarmups,
                int roundMeasurements, TimeValue expiryWarmup, int expiryIterations, TimeValue expiryIteration,
                int memoryWarmups, int memoryMeasurements) {
            this.forks = forks;
            this.warmups = warmups;
            this.measurements = measurements;
            this.iteration = iteration;
            this.roundWarmups = roundWarmups;
            this.roundMeasurements = roundMeasurements;
            this.expiryWarmup = expiryWarmup;
            this.expiryIterations = expiryIterations;
            this.expiryIteration = expiryIteration;
            this.memoryWarmups = memoryWarmups;
            this.memoryMeasurements = memoryMeasurements;
        }
    }
}
