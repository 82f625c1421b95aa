package dev.builderdesk.bench;

import dev.builderdesk.client.RunEvent;
import dev.builderdesk.client.internal.EventNormalizer;
import dev.builderdesk.client.internal.SseParser;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The client's stream pipeline on a realistic byte stream of 10,000 events in our framing, fed in 8 KiB reads as
 * from the socket: SSE parsing alone, and parsing + normalising + typing (what happens between the socket and the
 * listener). Results are events per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StreamParserJmh {
    static final int EVENTS = 10_000;
    byte[] stream;

    @Setup
    public void buildStream() {
        StringBuilder sb = new StringBuilder(":").append(" ".repeat(2048)).append("\n\n");
        for (int i = 1; i <= EVENTS; i++) {
            String payload = i % 10 == 0
                    ? "{\"tool\":\"coding_agent_read_file\",\"span_id\":\"call_" + i + "\",\"input\":{\"path\":\"src/"
                    + "App.tsx\"}}" : "{\"content\":\"word " + i + " \"}";
            String event = i % 10 == 0 ? "tool.started" : "assistant.delta";
            sb.append("id: ").append(i).append("\ndata: {\"event\":\"").append(event)
                    .append("\",\"run_id\":\"2b0f2a64-5c57-4c1a-9a4e-0d4b7f3c2a11\",\"app_id\":")
                    .append("\"9a0c0000-0000-4000-8000-000000000001\",\"seq\":").append(i)
                    .append(",\"ts\":\"2026-11-21T12:00:00.123456+00:00\",\"stage\":\"assistant\",\"payload\":")
                    .append(payload).append(",\"diagnostics\":[]}\n\n");
            if (i % 500 == 0) {
                sb.append(": ping\n\n");
            }
        }
        stream = sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void parseOnly(Blackhole hole) {
        SseParser parser = new SseParser(hole::consume);
        feed(parser);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void parseNormaliseAndType(Blackhole hole) {
        EventNormalizer normalizer = new EventNormalizer((RunEvent e) -> hole.consume(e));
        normalizer.newConnection();
        SseParser parser = new SseParser(normalizer::frame);
        feed(parser);
    }

    private void feed(SseParser parser) {
        for (int i = 0; i < stream.length; i += 8192) {
            parser.feed(stream, i, Math.min(8192, stream.length - i));
        }
        parser.end();
    }
}
