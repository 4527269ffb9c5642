package io.ninep.server.local;

import io.ninep.server.local.cred.Actor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One attach: the directory it was attached at (walking ".." there stays there), and the actor
 * that does the work for its user. Every node walked from the attach holds a reference; the
 * root descriptor is released with the last.
 */
final class Tree {
    final LocalFileServer server;
    final Actor actor;
    final FileHandle root;
    private final AtomicInteger refs = new AtomicInteger(1);

    /** Takes over one reference to {@code root}. */
    Tree(LocalFileServer server, Actor actor, FileHandle root) {
        this.server = server;
        this.actor = actor;
        this.root = root;
    }

    Tree retain() {
        if (refs.getAndIncrement() <= 0) {
            throw new IllegalStateException("tree already released");
        }
        return this;
    }

    void release() {
        if (refs.decrementAndGet() == 0) {
            root.release();
        }
    }

    Qids qids() {
        return server.qids();
    }
}
