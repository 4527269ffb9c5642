package io.ninep.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ninep.protocol.Errno;
import io.ninep.protocol.ErrnoException;
import io.ninep.protocol.message.Attr;
import io.ninep.protocol.message.Qid;
import io.ninep.protocol.message.Rflush;
import io.ninep.protocol.message.Rlopen;
import io.ninep.protocol.message.Rread;
import io.ninep.protocol.message.Tflush;
import io.ninep.protocol.message.Tlopen;
import io.ninep.protocol.message.Tread;
import io.ninep.server.spi.FileNode;
import io.ninep.server.spi.FileServer;
import io.ninep.server.spi.Identity;
import io.ninep.server.spi.OpenFile;
import io.ninep.server.spi.OpenFlags;
import io.ninep.server.testing.RawClient;
import io.ninep.server.testing.ServerFixture;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Tread of a file whose reads never wait runs on the connection's reader; any other read gets
 * a thread of its own. Either way the reply, and a Tflush's Rflush after it, are the same.
 */
class ReaderRunsQuickReadsTest {
    private ServerFixture fixture;

    @AfterEach
    void tearDown() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aReadThatNeverWaitsRunsOnTheConnectionsReader() throws Exception {
        OneFile fs = new OneFile(true);
        RawClient c = openOne(fs);
        assertThat(text(c.call(4, new Tread(1, 0, 100), Rread.class))).isEqualTo("hello");
        assertThat(fs.readers).hasSize(1);
        assertThat(fs.readers.get(0).getName()).as("the connection's reader").startsWith("ninep ");
        fixture.assertQuiet(c);
    }

    @Test
    void aReadThatMayWaitGetsAThreadOfItsOwn() throws Exception {
        OneFile fs = new OneFile(false);
        RawClient c = openOne(fs);
        assertThat(text(c.call(4, new Tread(1, 0, 100), Rread.class))).isEqualTo("hello");
        assertThat(fs.readers).hasSize(1);
        assertThat(fs.readers.get(0).getName()).as("a request's own, unnamed, virtual thread").isEmpty();
        assertThat(fs.readers.get(0).isVirtual()).isTrue();
        fixture.assertQuiet(c);
    }

    @Test
    void aFlushOfAReadTheReaderRanIsAnsweredAfterItsReply() throws Exception {
        RawClient c = openOne(new OneFile(true));
        for (int i = 0; i < 20; i++) {
            c.send(10, new Tread(1, 0, 100));
            c.send(11, new Tflush(10));
            assertThat(text(c.expect(10, Rread.class))).isEqualTo("hello");
            c.expect(11, Rflush.class);
        }
        fixture.assertQuiet(c);
    }

    private RawClient openOne(OneFile fs) throws Exception {
        fixture = new ServerFixture(fs, ServerConfig.defaults());
        RawClient c = fixture.connect(ServerFixture.Kind.TCP);
        c.start(8192);
        c.walk(2, 0, 1, "f");
        c.call(3, new Tlopen(1, OpenFlags.O_RDONLY), Rlopen.class);
        return c;
    }

    private static String text(Rread r) {
        byte[] b = new byte[r.count()];
        r.data().duplicate().get(b);
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** A root holding one file "f" that reads "hello" and says whether its reads wait; it notes the threads that read. */
    private static final class OneFile implements FileServer {
        final boolean quick;
        final List<Thread> readers = new CopyOnWriteArrayList<>();

        OneFile(boolean quick) {
            this.quick = quick;
        }

        @Override
        public FileNode attach(Identity user, String aname) {
            return new Node(true);
        }

        private final class Node implements FileNode {
            private final boolean directory;

            Node(boolean directory) {
                this.directory = directory;
            }

            @Override
            public Qid qid() {
                return new Qid(directory ? Qid.DIR : Qid.FILE, 0, directory ? 1 : 2);
            }

            @Override
            public List<FileNode> walk(List<String> names) {
                return names.stream().map(n -> (FileNode) new Node(false)).toList();
            }

            @Override
            public FileNode duplicate() {
                return new Node(directory);
            }

            @Override
            public Attr getattr(long mask) throws ErrnoException {
                throw new ErrnoException(Errno.ENOSYS, "not needed here");
            }

            @Override
            public OpenFile open(int linuxFlags) {
                return new OpenFile() {
                    @Override
                    public Qid qid() {
                        return Node.this.qid();
                    }

                    @Override
                    public int read(long offset, ByteBuffer dst) {
                        readers.add(Thread.currentThread());
                        byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
                        if (offset >= hello.length) {
                            return 0;
                        }
                        int n = (int) Math.min(dst.remaining(), hello.length - offset);
                        dst.put(hello, (int) offset, n);
                        return n;
                    }

                    @Override
                    public boolean readsWithoutWaiting() {
                        return quick;
                    }
                };
            }
        }
    }
}
