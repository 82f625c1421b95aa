package dev.builderdesk.testkit;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Every log record written in this JVM (through java.util.logging, which System.Logger and SLF4J use here) while
 * open, down to {@code level}: each formatted with its parameters and its exception's stack trace, as a log file
 * would hold it. Closing puts the levels back.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger root = Logger.getLogger("");
    private final Level rootLevel = root.getLevel();
    private final List<String> lines = new ArrayList<>();
    private final Handler handler = new Handler() {
        private final SimpleFormatter format = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
            StringBuilder line = new StringBuilder(r.getLoggerName() + " " + format.formatMessage(r));
            if (r.getThrown() != null) {
                StringWriter trace = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(trace));
                line.append('\n').append(trace);
            }
            synchronized (lines) {
                lines.add(line.toString());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(Level level) {
        handler.setLevel(level);
        root.setLevel(level);
        root.addHandler(handler);
    }

    /** Captures the records of our own code down to FINE, and everything else at its configured level. */
    public static LogCapture start() {
        return new LogCapture(Level.FINE);
    }

    /** Every record captured so far, one string each. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() {
        root.removeHandler(handler);
        root.setLevel(rootLevel);
    }
}
