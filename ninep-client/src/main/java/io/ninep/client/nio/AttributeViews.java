package io.ninep.client.nio;

import io.ninep.protocol.Dialect;
import java.io.IOException;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The attribute views "basic", "owner", "posix", "unix" (as the JDK's on Linux, for code that
 * asks for {@code unix:uid}) and "ninep" ({@link NinepFileAttributeView}), as objects and by
 * name. Reading by name costs one Tgetattr (or Tstat) whatever the names asked for.
 */
final class AttributeViews {
    private AttributeViews() {}

    private static final Set<String> VIEWS = Set.of("basic", "owner", "posix", "unix", "ninep");

    static Set<String> supported(Dialect dialect) {
        return VIEWS;
    }

    private static final Map<String, Function<NinepAttributes, Object>> BASIC = new LinkedHashMap<>();
    private static final Map<String, Function<NinepAttributes, Object>> OWNER = new LinkedHashMap<>();
    private static final Map<String, Function<NinepAttributes, Object>> POSIX = new LinkedHashMap<>();
    private static final Map<String, Function<NinepAttributes, Object>> UNIX = new LinkedHashMap<>();
    private static final Map<String, Function<NinepAttributes, Object>> NINEP = new LinkedHashMap<>();

    static {
        BASIC.put("lastModifiedTime", NinepAttributes::lastModifiedTime);
        BASIC.put("lastAccessTime", NinepAttributes::lastAccessTime);
        BASIC.put("creationTime", NinepAttributes::creationTime);
        BASIC.put("size", NinepAttributes::size);
        BASIC.put("isRegularFile", NinepAttributes::isRegularFile);
        BASIC.put("isDirectory", NinepAttributes::isDirectory);
        BASIC.put("isSymbolicLink", NinepAttributes::isSymbolicLink);
        BASIC.put("isOther", NinepAttributes::isOther);
        BASIC.put("fileKey", NinepAttributes::fileKey);
        OWNER.put("owner", NinepAttributes::owner);
        POSIX.putAll(BASIC);
        POSIX.put("permissions", NinepAttributes::permissions);
        POSIX.put("owner", NinepAttributes::owner);
        POSIX.put("group", NinepAttributes::group);
        UNIX.putAll(POSIX);
        UNIX.put("mode", NinepAttributes::mode);
        UNIX.put("ino", a -> a.qid().path());
        UNIX.put("dev", a -> 0L);
        UNIX.put("rdev", NinepAttributes::rdev);
        UNIX.put("nlink", a -> (int) a.nlink());
        UNIX.put("uid", NinepAttributes::uid);
        UNIX.put("gid", NinepAttributes::gid);
        UNIX.put("ctime", NinepAttributes::lastChangeTime);
        NINEP.putAll(POSIX);
        NINEP.put("qid", NinepAttributes::qid);
        NINEP.put("mode", NinepAttributes::mode);
        NINEP.put("uid", NinepAttributes::uid);
        NINEP.put("gid", NinepAttributes::gid);
        NINEP.put("nlink", NinepAttributes::nlink);
        NINEP.put("rdev", NinepAttributes::rdev);
        NINEP.put("blockSize", NinepAttributes::blockSize);
        NINEP.put("blocks", NinepAttributes::blocks);
        NINEP.put("lastChangeTime", NinepAttributes::lastChangeTime);
        NINEP.put("generation", NinepAttributes::generation);
        NINEP.put("dataVersion", NinepAttributes::dataVersion);
    }

    private static Map<String, Function<NinepAttributes, Object>> table(String view) {
        return switch (view) {
            case "basic" -> BASIC;
            case "owner" -> OWNER;
            case "posix" -> POSIX;
            case "unix" -> UNIX;
            case "ninep" -> NINEP;
            default -> throw new UnsupportedOperationException("view '" + view + "' is not available (views: "
                    + String.join(", ", List.of("basic", "owner", "posix", "unix", "ninep")) + ")");
        };
    }

    /** {@code Files.readAttributes(path, "view:a,b")}. */
    static Map<String, Object> read(Operations ops, NinepPath path, String spec, boolean follow) throws IOException {
        int colon = spec.indexOf(':');
        String view = colon < 0 ? "basic" : spec.substring(0, colon);
        Map<String, Function<NinepAttributes, Object>> table = table(view);
        String[] names = (colon < 0 ? spec : spec.substring(colon + 1)).split(",");
        for (String n : names) {
            if (!n.equals("*") && !table.containsKey(n)) {
                throw new IllegalArgumentException("'" + n + "' not recognized by view " + view);
            }
        }
        NinepAttributes a = ops.attributes(path, follow);
        Map<String, Object> out = new LinkedHashMap<>();
        for (String n : names) {
            if (n.equals("*")) {
                table.forEach((k, f) -> out.put(k, f.apply(a)));
            } else {
                out.put(n, table.get(n).apply(a));
            }
        }
        return out;
    }

    private static final Set<String> SET_BASIC = Set.of("lastModifiedTime", "lastAccessTime", "creationTime");
    private static final Set<String> SET_POSIX = Set.of("lastModifiedTime", "lastAccessTime", "creationTime",
            "permissions", "owner", "group");
    private static final Set<String> SET_NUMERIC = Set.of("lastModifiedTime", "lastAccessTime", "creationTime",
            "permissions", "owner", "group", "mode", "uid", "gid");

    /** {@code Files.setAttribute(path, "view:name", value)}. */
    static void set(Operations ops, NinepPath path, String spec, Object value, boolean follow) throws IOException {
        int colon = spec.indexOf(':');
        String view = colon < 0 ? "basic" : spec.substring(0, colon);
        String name = colon < 0 ? spec : spec.substring(colon + 1);
        Set<String> settable = switch (view) {
            case "basic" -> SET_BASIC;
            case "owner" -> Set.of("owner");
            case "posix" -> SET_POSIX;
            case "unix", "ninep" -> SET_NUMERIC;
            default -> {
                table(view);   // throws
                yield Set.of();
            }
        };
        if (!settable.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' cannot be set through view " + view);
        }
        View v = new View(path, follow, view);
        switch (name) {
            case "lastModifiedTime" -> v.setTimes((FileTime) value, null, null);
            case "lastAccessTime" -> v.setTimes(null, (FileTime) value, null);
            case "creationTime" -> v.setTimes(null, null, (FileTime) value);
            case "owner" -> v.setOwner((UserPrincipal) value);
            case "permissions" -> {
                @SuppressWarnings("unchecked")
                Set<PosixFilePermission> perms = (Set<PosixFilePermission>) value;
                v.setPermissions(perms);
            }
            case "group" -> v.setGroup((GroupPrincipal) value);
            case "mode" -> v.setMode((Integer) value);
            case "uid" -> v.setOwnerIds((Integer) value, -1);
            case "gid" -> v.setOwnerIds(-1, (Integer) value);
            default -> throw new IllegalStateException(name);
        }
    }

    /** The view object for {@code Files.getFileAttributeView}, or null for a type not offered. */
    static <V extends FileAttributeView> V view(NinepPath path, Class<V> type, boolean follow) {
        String name;
        if (type == BasicFileAttributeView.class) {
            name = "basic";
        } else if (type == FileOwnerAttributeView.class) {
            name = "owner";
        } else if (type == PosixFileAttributeView.class) {
            name = "posix";
        } else if (type == NinepFileAttributeView.class) {
            name = "ninep";
        } else {
            return null;
        }
        return type.cast(new View(path, follow, name));
    }

    /** One class for every view: each is a narrower face of {@link NinepFileAttributeView}. */
    private record View(NinepPath path, boolean follow, String name) implements NinepFileAttributeView {
        private Operations ops() {
            return path.getFileSystem().operations();
        }

        @Override
        public NinepAttributes readAttributes() throws IOException {
            return ops().attributes(path, follow);
        }

        /** Sets the modification and access times; the creation time cannot be set and is ignored. */
        @Override
        public void setTimes(FileTime lastModifiedTime, FileTime lastAccessTime, FileTime createTime) throws IOException {
            ops().change(path, follow, Attributes.times(lastModifiedTime, lastAccessTime));
        }

        @Override
        public UserPrincipal getOwner() throws IOException {
            return readAttributes().owner();
        }

        @Override
        public void setOwner(UserPrincipal owner) throws IOException {
            ops().change(path, follow, Attributes.chown(user(owner), null));
        }

        @Override
        public void setPermissions(Set<PosixFilePermission> perms) throws IOException {
            ops().change(path, follow, Attributes.chmod(Attributes.mode(perms)));
        }

        @Override
        public void setGroup(GroupPrincipal group) throws IOException {
            ops().change(path, follow, Attributes.chown(null, group(group)));
        }

        @Override
        public void setMode(int mode) throws IOException {
            ops().change(path, follow, Attributes.chmod(mode));
        }

        @Override
        public void setOwnerIds(int uid, int gid) throws IOException {
            ops().change(path, follow, Attributes.chown(uid == -1 ? null : new Principals.User(Integer.toUnsignedString(uid), uid),
                    gid == -1 ? null : new Principals.Group(Integer.toUnsignedString(gid), gid)));
        }

        private static Principals.User user(UserPrincipal p) {
            if (p instanceof GroupPrincipal) {
                throw new IllegalArgumentException("a group is not an owner: " + p);
            }
            return p instanceof Principals.User u ? u : Principals.user(p.getName(), Principals.number(p.getName()));
        }

        private static Principals.Group group(GroupPrincipal p) {
            return p instanceof Principals.Group g ? g : Principals.group(p.getName(), Principals.number(p.getName()));
        }
    }
}
