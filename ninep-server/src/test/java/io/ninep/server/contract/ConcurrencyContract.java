package io.ninep.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.server.spi.Created;
import io.ninep.server.spi.FileNode;
import io.ninep.server.spi.OpenFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Requests of one client arrive in parallel (each on its own virtual thread in the engine). */
public interface ConcurrencyContract extends ContractSupport {

    @Test
    default void parallelCreatesAndRenamesInOneDirectory() throws Exception {
        FileNode d = dir("d");
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int worker = w;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 100; i++) {
                        Created c = d.create("tmp-" + worker + "-" + i, RDWR, 0644, gid());
                        write(c.file(), 0, bytes(worker + ":" + i));
                        c.file().close();
                        c.node().release();
                        d.renameAt("tmp-" + worker + "-" + i, d, "file-" + worker + "-" + i);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        }
        Set<String> expected = new HashSet<>();
        for (int w = 0; w < 4; w++) {
            for (int i = 0; i < 100; i++) {
                expected.add("file-" + w + "-" + i);
            }
        }
        assertThat(new HashSet<>(names(d))).isEqualTo(expected);
        assertThat(text(walk(d, "file-3-99"))).isEqualTo("3:99");
    }

    @Test
    default void parallelWritesAtDifferentOffsetsOfOneOpenFile() throws Exception {
        Created c = create(root(), "f", RDWR, 0644);
        OpenFile o = c.file();
        int chunk = 64 * 1024;
        int chunks = 32;
        byte[] data = new byte[chunk * chunks];
        new Random(7).nextBytes(data);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < chunks; i++) {
                int at = i * chunk;
                done.add(pool.submit(() -> {
                    write(o, at, java.util.Arrays.copyOfRange(data, at, at + chunk));
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        assertThat(readAll(o, 100_000)).isEqualTo(data);
    }
}
