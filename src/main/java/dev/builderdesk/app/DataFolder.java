package dev.builderdesk.app;

import dev.builderdesk.store.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The data folder of one Builder Desk process (ADR 0010): created, or tightened, to mode 0700, and held with an OS
 * file lock on {@code builder-desk.lock} for as long as the process uses it, so a second process on the same folder
 * (the desktop app and {@code serve}, two windows, two servers) stops at once instead of recovering the first one's
 * runs. The lock dies with the process, even after {@code kill -9}.
 *
 * <p>On Linux the lock is a POSIX record lock, which the kernel drops when <em>any</em> descriptor of the lock file
 * in this process is closed; so the file is opened once, here, and nothing else in the process may open it (the
 * folder scanner never enters the data folder).
 */
public final class DataFolder implements AutoCloseable {
    static final String LOCK_FILE = "builder-desk.lock";
    /** Folders held by this process, by real path: a second hold in one process is refused like another's. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path path;
    private final Path realPath;
    private final FileChannel channel;
    private final FileLock lock;

    private DataFolder(Path path, Path realPath, FileChannel channel, FileLock lock) {
        this.path = path;
        this.realPath = realPath;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates the folder if needed, restricts it to its owner and takes its lock.
     *
     * @throws DataFolderInUseException when another process (or this one) holds it
     */
    public static DataFolder open(Path dir) {
        Path path = dir.toAbsolutePath().normalize();
        Path real;
        try {
            Files.createDirectories(path);
            OwnerOnly.restrict(path);
            real = path.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder " + path, e);
        }
        if (!HELD.add(real)) {
            throw new DataFolderInUseException(path, Optional.of(ProcessHandle.current().pid()));
        }
        FileChannel channel = null;
        try {
            Path lockFile = real.resolve(LOCK_FILE);
            OwnerOnly.createFile(lockFile);
            channel = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                Optional<Long> holder = holder(channel);
                channel.close();
                throw new DataFolderInUseException(path, holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)),
                    0);
            channel.force(false);
            return new DataFolder(path, real, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            HELD.remove(real);
            throw new UncheckedIOException("Cannot lock the data folder " + path, e);
        } catch (RuntimeException e) {
            HELD.remove(real);
            throw e;
        }
    }

    /** The process id the holder wrote into the lock file, when it can be read. */
    private static Optional<Long> holder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
            return text.matches("\\d{1,19}") ? Optional.of(Long.parseLong(text)) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public Path path() {
        return path;
    }

    /** Releases the lock; the folder may then be used by another process. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // The channel closes below, which releases it too.
        }
        closeQuietly(channel);
        HELD.remove(realPath);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing left to do.
        }
    }
}
