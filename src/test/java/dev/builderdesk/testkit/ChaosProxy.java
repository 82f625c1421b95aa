package dev.builderdesk.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback that forwards to a target port and cuts each connection after a random number of bytes
 * sent back to the client (seeded, so a failure can be replayed). Counts the cuts.
 */
public final class ChaosProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final int minBytes;
    private final int maxBytes;
    private final Random random;
    private final AtomicInteger cuts = new AtomicInteger();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    public ChaosProxy(int targetPort, int minBytes, int maxBytes, long seed) throws IOException {
        this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.minBytes = minBytes;
        this.maxBytes = maxBytes;
        this.random = new Random(seed);
        threads.execute(this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    public int cuts() {
        return cuts.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                int budget;
                synchronized (random) {
                    budget = minBytes + random.nextInt(maxBytes - minBytes + 1);
                }
                threads.execute(() -> pump(client, server, Long.MAX_VALUE, false));
                threads.execute(() -> pump(server, client, budget, true));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, long budget, boolean counts) {
        byte[] buffer = new byte[4096];
        long left = budget;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                out.write(buffer, 0, n);
                out.flush();
                left -= n;
                if (left <= 0) {
                    if (counts) {
                        cuts.incrementAndGet();
                    }
                    break;
                }
            }
        } catch (IOException e) {
            // one side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        threads.shutdownNow();
    }
}
