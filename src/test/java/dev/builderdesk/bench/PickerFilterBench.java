package dev.builderdesk.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs {@link PickerFilterJmh} with JMH ({@code mvn -B -Pbench verify}); percentiles in target/benchmarks. */
@Tag("bench")
class PickerFilterBench {
    @Test
    void measure() throws Exception {
        RunResult r = new Runner(new OptionsBuilder()
                .include(PickerFilterJmh.class.getName())
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(2))
                .measurementIterations(5).measurementTime(TimeValue.seconds(2))
                .jvmArgsAppend("-Xmx512m")
                .build()).runSingle();
        var stats = r.getPrimaryResult().getStatistics();
        String report = String.format("| keystrokes sampled | p50 µs | p90 µs | p99 µs | max µs |%n"
                + "|---|---|---|---|---|%n"
                + "| %,d | %,.0f | %,.0f | %,.0f | %,.0f |%n", stats.getN(), stats.getPercentile(50),
                stats.getPercentile(90), stats.getPercentile(99), stats.getMax());
        Path out = Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(out.resolve("picker-filter.md"), report);
        System.out.println(report);
    }
}
