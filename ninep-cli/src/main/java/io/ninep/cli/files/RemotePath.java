package io.ninep.cli.files;

import java.util.ArrayList;
import java.util.List;

/**
 * A path on the server as the user typed it ({@link #shown()}, for messages) and as the names
 * to walk from the attach root ({@link #names()}).
 *
 * <p>Resolution is lexical: empty names and "." are dropped, ".." takes the previous name away
 * and stays at the root. The servers ninep talks to do not follow symbolic links on a walk, so
 * this is what a walk would find anyway. A relative path starts at the base: the path of a
 * {@code 9p://host/path} address, else the root.
 */
public record RemotePath(String shown, List<String> names, boolean trailingSlash) {

    public RemotePath {
        names = List.copyOf(names);
    }

    /** {@code text} resolved against {@code base} (the names of the base directory). */
    public static RemotePath of(String text, List<String> base) {
        List<String> names = new ArrayList<>(text.startsWith("/") ? List.of() : base);
        for (String n : text.split("/")) {
            if (n.isEmpty() || n.equals(".")) {
                continue;
            }
            if (n.equals("..")) {
                if (!names.isEmpty()) {
                    names.removeLast();
                }
            } else {
                names.add(n);
            }
        }
        return new RemotePath(text, names, text.endsWith("/") || text.endsWith("/.") || text.equals("."));
    }

    /** The names of a base path ("/srv/x" gives [srv, x]). */
    public static List<String> baseNames(String path) {
        return of(path == null ? "" : path, List.of()).names();
    }

    public boolean isRoot() {
        return names.isEmpty();
    }

    /** The last name; "" for the root. */
    public String name() {
        return names.isEmpty() ? "" : names.getLast();
    }

    /** The names of the directory that holds this path (the root holds itself). */
    public List<String> parentNames() {
        return names.isEmpty() ? names : names.subList(0, names.size() - 1);
    }

    /** A name inside this path, shown as shown() + "/" + name. */
    public RemotePath child(String name) {
        List<String> n = new ArrayList<>(names);
        n.add(name);
        String s = shown.endsWith("/") ? shown + name : shown + "/" + name;
        return new RemotePath(s, n, false);
    }

    /** The path from the root, "/a/b" ("/" for the root). */
    public String absolute() {
        return "/" + String.join("/", names);
    }

    @Override
    public String toString() {
        return shown;
    }
}
