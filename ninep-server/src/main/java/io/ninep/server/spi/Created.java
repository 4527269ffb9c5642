package io.ninep.server.spi;

/** What Tlcreate makes: the new file's node (the fid now refers to it) and the file opened on it. */
public record Created(FileNode node, OpenFile file) {
    public Created {
        java.util.Objects.requireNonNull(node, "node");
        java.util.Objects.requireNonNull(file, "file");
    }
}
