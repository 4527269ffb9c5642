package io.ninep.cli;

import io.ninep.protocol.LinuxFileMode;
import io.ninep.protocol.message.Attr;
import io.ninep.server.spi.Created;
import io.ninep.server.spi.FileNode;
import io.ninep.server.spi.FileServer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * A file server that reports every non-empty regular file {@code delta} bytes larger than it is,
 * in front of a real one: what a buggy or lying server does to a transfer's size check.
 */
final class LyingFileServer {
    private LyingFileServer() {}

    static FileServer around(FileServer real, long delta) {
        return (FileServer) Proxy.newProxyInstance(FileServer.class.getClassLoader(), new Class<?>[] {FileServer.class},
                new Handler(real, delta));
    }

    private record Handler(Object real, long delta) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
            Object[] plain = args == null ? null : args.clone();
            if (plain != null) {
                for (int i = 0; i < plain.length; i++) {
                    plain[i] = unwrap(plain[i]);
                }
            }
            Object result;
            try {
                result = m.invoke(real, plain);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (result instanceof Attr a && LinuxFileMode.isRegular(a.mode()) && a.size() > 0) {
                result = new Attr(a.valid(), a.qid(), a.mode(), a.uid(), a.gid(), a.nlink(), a.rdev(), a.size() + delta,
                        a.blksize(), a.blocks(), a.atimeSec(), a.atimeNsec(), a.mtimeSec(), a.mtimeNsec(),
                        a.ctimeSec(), a.ctimeNsec(), a.btimeSec(), a.btimeNsec(), a.gen(), a.dataVersion());
            }
            return wrap(result);
        }

        private Object wrap(Object o) {
            return switch (o) {
                case FileNode n -> Proxy.newProxyInstance(FileNode.class.getClassLoader(), new Class<?>[] {FileNode.class},
                        new Handler(n, delta));
                case Created c -> new Created((FileNode) wrap(c.node()), c.file());
                case List<?> l when !l.isEmpty() && l.getFirst() instanceof FileNode -> l.stream().map(this::wrap).toList();
                case null, default -> o;
            };
        }

        private static Object unwrap(Object o) {
            if (o != null && Proxy.isProxyClass(o.getClass()) && Proxy.getInvocationHandler(o) instanceof Handler h) {
                return h.real();
            }
            return o;
        }
    }
}
