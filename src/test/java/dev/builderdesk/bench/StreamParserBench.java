package dev.builderdesk.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs {@link StreamParserJmh} with JMH ({@code mvn -B -Pbench verify}); table in target/benchmarks. */
@Tag("bench")
class StreamParserBench {
    @Test
    void measure() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(StreamParserJmh.class.getName())
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Xmx512m")
                .build()).run();
        StringBuilder report = new StringBuilder("| benchmark | events/s | ± (99.9%) |\n|---|---|---|\n");
        for (RunResult r : results) {
            var primary = r.getPrimaryResult();
            report.append(String.format("| %s | %,.0f | %,.0f |%n", r.getParams().getBenchmark()
                    .replaceAll(".*\\.", ""), primary.getScore(), primary.getScoreError()));
        }
        Path out = Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(out.resolve("stream-parser.md"), report.toString());
        System.out.println(report);
    }
}
