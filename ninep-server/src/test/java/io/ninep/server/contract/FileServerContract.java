package io.ninep.server.contract;

import io.ninep.server.spi.FileNode;
import io.ninep.server.spi.FileServer;
import io.ninep.server.spi.Identity;
import io.ninep.server.spi.OpenFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The contract every {@link FileServer} backend keeps, tested through the SPI directly (no
 * wire): a backend's test extends this class and says how to make a fresh, empty, writable
 * server. The tests themselves live in the {@code *Contract} interfaces this class implements,
 * one per topic; nothing is skipped for a backend.
 *
 * <p>Each test gets a new server from {@link #newServer()}, attaches {@link #identity()} with
 * an empty aname, and closes the server afterwards; nodes and open files the test makes through
 * the {@link ContractSupport} helpers are released first, in reverse order.
 */
public abstract class FileServerContract implements WalkContract, CreationContract, IoContract, DirectoryContract,
        AttributeContract, RenameContract, RemovalContract, LinkContract, UnlinkedFileContract, XattrContract,
        LockContract, ConcurrencyContract {

    /** A new server whose tree is empty and writable. */
    protected abstract FileServer newServer() throws IOException;

    /** Who the tests attach as; root by default. Tests that create files assume this user may. */
    protected Identity identity() {
        return new Identity("root", 0);
    }

    private FileServer server;
    private FileNode root;
    private final List<Object> held = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    final void attach() throws IOException {
        server = newServer();
        root = server.attach(identity(), "");
    }

    @AfterEach
    final void detach() throws IOException {
        List<Object> all;
        synchronized (held) {
            all = new ArrayList<>(held);
            held.clear();
        }
        Collections.reverse(all);
        for (Object o : all) {
            if (o instanceof OpenFile f) {
                f.close();
            } else if (o instanceof FileNode n) {
                n.release();
            }
        }
        root.release();
        server.close();
    }

    @Override
    public final FileServer server() {
        return server;
    }

    @Override
    public final FileNode root() {
        return root;
    }

    @Override
    public final Identity user() {
        return identity();
    }

    @Override
    public final <T> T hold(T nodeOrFile) {
        held.add(nodeOrFile);
        return nodeOrFile;
    }

    @Override
    public final void drop(Object nodeOrFile) throws IOException {
        if (held.remove(nodeOrFile)) {
            if (nodeOrFile instanceof OpenFile f) {
                f.close();
            } else if (nodeOrFile instanceof FileNode n) {
                n.release();
            }
        }
    }
}
