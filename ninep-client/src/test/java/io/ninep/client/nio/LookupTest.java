package io.ninep.client.nio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ninep.client.testing.Fixtures;
import io.ninep.client.testing.ScriptedPeer;
import io.ninep.client.testing.ScriptedPeer.Received;
import io.ninep.protocol.Errno;
import io.ninep.protocol.LinuxOpenFlags;
import io.ninep.protocol.message.Qid;
import io.ninep.protocol.message.Rclunk;
import io.ninep.protocol.message.Rgetattr;
import io.ninep.protocol.message.Rlcreate;
import io.ninep.protocol.message.Rlerror;
import io.ninep.protocol.message.Rreadlink;
import io.ninep.protocol.message.Rwalk;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Tgetattr;
import io.ninep.protocol.message.Tlcreate;
import io.ninep.protocol.message.Treadlink;
import io.ninep.protocol.message.Twalk;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How the provider looks paths up, byte by byte against a scripted server: one walk from the
 * root, links followed by the client, the server asked about the one name where a walk stopped,
 * creation in the directory that exists. Clunks are answered as they come.
 */
class LookupTest extends ScriptedFileSystemTestBase {
    private static final Qid LINK = new Qid(Qid.SYMLINK, 0, 77);

    @Test
    void aLinkInThePathIsReadAndTheWalkRedoneWithItsTarget() throws Exception {
        CompletableFuture<BasicFileAttributes> reading = async(() ->
                Files.readAttributes(fs.getPath("/a/link/f"), BasicFileAttributes.class));
        Received w = expectWalk(List.of("a", "link", "f"));
        peer.send(w.tag(), new Rwalk(List.of(Fixtures.dirQid(2), LINK)));   // the server stops at the link
        w = expectWalk(List.of("a", "link"));
        peer.send(w.tag(), new Rwalk(List.of(Fixtures.dirQid(2), LINK)));
        Received rl = next();
        assertThat(rl.as(Treadlink.class).fid()).isEqualTo(w.as(Twalk.class).newFid());
        peer.send(rl.tag(), new Rreadlink("../b"));
        w = expectWalk(List.of("a", "..", "b", "f"));
        peer.send(w.tag(), new Rwalk(List.of(Fixtures.dirQid(2), Fixtures.dirQid(1), Fixtures.dirQid(3),
                Fixtures.qid(4))));
        Received ga = next();
        ga.as(Tgetattr.class);
        peer.send(ga.tag(), new Rgetattr(Fixtures.attr(4, 42)));
        BasicFileAttributes a = reading.get(20, TimeUnit.SECONDS);
        assertThat(a.size()).isEqualTo(42);
        assertThat(a.fileKey()).isEqualTo(4L);
    }

    @Test
    void realPathFollowsTheLinksAndDropsDots() throws Exception {
        CompletableFuture<java.nio.file.Path> real = async(() -> fs.getPath("x/./link").toRealPath());
        Received w = expectWalk(List.of("x", "link"));
        peer.send(w.tag(), new Rwalk(List.of(Fixtures.dirQid(2), LINK)));
        Received rl = next();   // the link is the last name: read on the fid the walk made
        assertThat(rl.as(Treadlink.class).fid()).isEqualTo(w.as(Twalk.class).newFid());
        peer.send(rl.tag(), new Rreadlink("/y/../z"));
        w = expectWalk(List.of("y", "..", "z"));
        peer.send(w.tag(), new Rwalk(List.of(Fixtures.dirQid(5), Fixtures.dirQid(1), Fixtures.qid(6))));
        assertThat(real.get(20, TimeUnit.SECONDS)).isEqualTo(fs.getPath("/z"));
    }

    @Test
    void aWalkThatStopsShortAsksAboutTheOneNameForTheServersReason() throws Exception {
        CompletableFuture<Boolean> exists = async(() -> {
            Files.readAttributes(fs.getPath("/a/secret/f"), BasicFileAttributes.class);
            return true;
        });
        Received w = expectWalk(List.of("a", "secret", "f"));
        peer.send(w.tag(), new Rwalk(List.of(Fixtures.dirQid(2))));   // short: no reason given
        w = expectWalk(List.of("a"));
        peer.send(w.tag(), new Rwalk(List.of(Fixtures.dirQid(2))));
        Received one = expectWalk(List.of("secret"));
        assertThat(one.as(Twalk.class).fid()).isEqualTo(w.as(Twalk.class).newFid());
        peer.send(one.tag(), new Rlerror(Errno.EACCES.number()));
        assertThatThrownBy(() -> exists.get(20, TimeUnit.SECONDS)).cause()
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("/a/secret/f");
    }

    @Test
    void anErrorForALaterNameIsFollowedUpNameByName() throws Exception {
        // nfs-ganesha answers Rlerror where walk(5) wants a short Rwalk: the client must find where it stopped.
        CompletableFuture<BasicFileAttributes> reading = async(() ->
                Files.readAttributes(fs.getPath("/a/link/f"), BasicFileAttributes.class));
        Received w = expectWalk(List.of("a", "link", "f"));
        peer.send(w.tag(), new Rlerror(Errno.ENOTDIR.number()));
        Received clone = expectWalk(List.of());
        peer.send(clone.tag(), new Rwalk(List.of()));
        Received a = expectWalk(List.of("a"));
        assertThat(a.as(Twalk.class).fid()).isEqualTo(clone.as(Twalk.class).newFid());
        peer.send(a.tag(), new Rwalk(List.of(Fixtures.dirQid(2))));
        Received l = expectWalk(List.of("link"));
        assertThat(l.as(Twalk.class).fid()).isEqualTo(a.as(Twalk.class).newFid());
        peer.send(l.tag(), new Rwalk(List.of(LINK)));
        Received rl = next();   // read on the fid that stands on the link
        assertThat(rl.as(Treadlink.class).fid()).isEqualTo(l.as(Twalk.class).newFid());
        peer.send(rl.tag(), new Rreadlink("/b"));
        w = expectWalk(List.of("b", "f"));
        peer.send(w.tag(), new Rwalk(List.of(Fixtures.dirQid(3), Fixtures.qid(4))));
        Received ga = next();
        ga.as(Tgetattr.class);
        peer.send(ga.tag(), new Rgetattr(Fixtures.attr(4, 7)));
        assertThat(reading.get(20, TimeUnit.SECONDS).size()).isEqualTo(7);
    }

    @Test
    void aFileInThePathIsNotADirectory() throws Exception {
        CompletableFuture<byte[]> reading = async(() -> Files.readAllBytes(fs.getPath("/file/x")));
        Received w = expectWalk(List.of("file", "x"));
        peer.send(w.tag(), new Rwalk(List.of(Fixtures.qid(9))));
        assertThatThrownBy(() -> reading.get(20, TimeUnit.SECONDS)).cause()
                .isInstanceOf(NotDirectoryException.class).hasMessage("/file/x");
    }

    @Test
    void theFirstNameMissingIsTheServersOwnAnswer() throws Exception {
        CompletableFuture<byte[]> reading = async(() -> Files.readAllBytes(fs.getPath("/nothing")));
        Received w = expectWalk(List.of("nothing"));
        peer.send(w.tag(), new Rlerror(Errno.ENOENT.number()));
        assertThatThrownBy(() -> reading.get(20, TimeUnit.SECONDS)).cause()
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("/nothing");
    }

    @Test
    void createMakesTheMissingNameInTheDirectoryThatExists() throws Exception {
        CompletableFuture<SeekableByteChannel> opening = async(() -> Files.newByteChannel(fs.getPath("/d/new"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE));
        Received w = expectWalk(List.of("d", "new"));
        peer.send(w.tag(), new Rwalk(List.of(Fixtures.dirQid(2))));
        Received dir = expectWalk(List.of("d"));
        peer.send(dir.tag(), new Rwalk(List.of(Fixtures.dirQid(2))));
        Received one = expectWalk(List.of("new"));
        peer.send(one.tag(), new Rlerror(Errno.ENOENT.number()));
        Received clone = expectWalk(List.of());
        assertThat(clone.as(Twalk.class).fid()).isEqualTo(dir.as(Twalk.class).newFid());
        peer.send(clone.tag(), new Rwalk(List.of()));
        Received c = next();
        Tlcreate t = c.as(Tlcreate.class);
        assertThat(t.name()).isEqualTo("new");
        assertThat(t.flags()).isEqualTo(LinuxOpenFlags.O_WRONLY | LinuxOpenFlags.O_CREAT | LinuxOpenFlags.O_EXCL);
        assertThat(t.mode()).isEqualTo(0644);   // 0666 less the umask
        assertThat(t.gid()).isEqualTo(100);
        peer.send(c.tag(), new Rlcreate(Fixtures.qid(10), 0));
        SeekableByteChannel ch = opening.get(20, TimeUnit.SECONDS);
        CompletableFuture<Void> closing = async(() -> {
            ch.close();
            return null;
        });
        while (true) {   // the directory's fid is clunked without waiting, perhaps after this
            Received clunk = peer.expectFrame(Tclunk.class);
            peer.send(clunk.tag(), new Rclunk());
            if (clunk.as(Tclunk.class).fid() == t.fid()) {
                break;
            }
        }
        closing.get(20, TimeUnit.SECONDS);
    }

    @Test
    void aLinkToItselfEndsAfterFortyLinks() throws Exception {
        CompletableFuture<byte[]> reading = async(() -> Files.readAllBytes(fs.getPath("/loop")));
        for (int i = 0; i < Resolver.MAX_LINKS; i++) {
            Received w = expectWalk(List.of("loop"));
            peer.send(w.tag(), new Rwalk(List.of(LINK)));
            Received rl = next();
            peer.send(rl.tag(), new Rreadlink("loop"));
        }
        Received w = expectWalk(List.of("loop"));
        peer.send(w.tag(), new Rwalk(List.of(LINK)));
        assertThatThrownBy(() -> reading.get(20, TimeUnit.SECONDS)).cause()
                .isInstanceOf(FileSystemLoopException.class).hasMessageContaining("/loop");
    }

    @Test
    void aLostConnectionIsAFileSystemExceptionAndAClosedFileSystemIsClosed() throws Exception {
        CompletableFuture<byte[]> reading = async(() -> Files.readAllBytes(fs.getPath("/f")));
        expectWalk(List.of("f"));
        peer.disconnect();
        assertThatThrownBy(() -> reading.get(20, TimeUnit.SECONDS)).cause()
                .isInstanceOf(FileSystemException.class)
                .hasMessageContaining("/f").hasMessageContaining("connection to ninep://glenda@peer:5640/")
                .hasMessageContaining("lost");
        assertThat(fs.isOpen()).isTrue();
        fs.close();
        assertThatThrownBy(() -> Files.readAllBytes(fs.getPath("/f"))).isInstanceOf(ClosedFileSystemException.class);
        assertThatThrownBy(() -> Files.exists(fs.getPath("/f"))).isInstanceOf(ClosedFileSystemException.class);
    }

}
