package io.ninep.client;

import io.ninep.client.rpc.Connection;
import io.ninep.client.rpc.ReplyHandler;
import io.ninep.protocol.Errno;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.message.Qid;
import io.ninep.protocol.message.RMessage;
import io.ninep.protocol.message.Rwalk;
import io.ninep.protocol.message.Tclunk;
import io.ninep.protocol.message.Twalk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Walking from a fid ({@link Fid#walk}, {@link Fid#walkPartial}, {@link Fid#walkAsync}): Twalks
 * of at most 16 names (walk(5)'s MAXWELEM), and the accounting of the new fid, which the server
 * makes only for a complete first step and which is clunked again when a later step stops short.
 */
final class Walks {
    private Walks() {}

    /** As {@link Fid#walk(List)}. */
    static Fid walk(Fid from, List<String> names) throws IOException {
        from.checkUsable();
        Session session = from.session();
        Connection connection = from.connection();
        int newFid = session.allocateFid();
        boolean exists = false;   // whether the server has made newFid
        try {
            int step = Math.min(names.size(), P9.MAX_WALK_ELEMENTS);
            Rwalk r = (Rwalk) connection.call(new Twalk(from.number(), newFid, names.subList(0, step)));
            if (r.qids().size() < step) {   // walk(5): newfid is not made
                throw notFound(names, r.qids().size());
            }
            exists = true;
            Qid last = step == 0 ? from.qid() : r.qids().getLast();
            for (int done = step; done < names.size(); done += step) {
                step = Math.min(names.size() - done, P9.MAX_WALK_ELEMENTS);
                r = (Rwalk) connection.call(new Twalk(newFid, newFid, names.subList(done, done + step)));
                if (r.qids().size() < step) {   // newfid stays where it was
                    throw notFound(names, done + r.qids().size());
                }
                last = r.qids().getLast();
            }
            return new Fid(session, newFid, last, false);
        } catch (IOException | RuntimeException e) {
            if (exists) {
                clunkQuietly(connection, newFid, e);
            }
            session.releaseFid(newFid);
            throw e;
        }
    }

    /** As {@link Fid#walkPartial}. */
    static Fid.Walked partial(Fid from, List<String> names) throws IOException {
        from.checkUsable();
        Session session = from.session();
        Connection connection = from.connection();
        int newFid = session.allocateFid();
        boolean exists = false;   // whether the server has made newFid
        List<Qid> qids = new ArrayList<>(names.size());
        Fid.Walked stopped = null;
        try {
            int done = 0;
            do {
                int step = Math.min(names.size() - done, P9.MAX_WALK_ELEMENTS);
                Rwalk r;
                try {
                    r = (Rwalk) connection.call(new Twalk(exists ? newFid : from.number(), newFid,
                            names.subList(done, done + step)));
                } catch (RemoteErrorException e) {
                    stopped = new Fid.Walked(List.copyOf(qids), null, e);
                    break;
                }
                qids.addAll(r.qids());
                if (r.qids().size() < step) {   // walk(5): newfid is not made (or stays where it was)
                    stopped = new Fid.Walked(List.copyOf(qids), null, null);
                    break;
                }
                exists = true;
                done += step;
            } while (done < names.size());
            if (stopped == null) {
                Qid last = qids.isEmpty() ? from.qid() : qids.getLast();
                return new Fid.Walked(List.copyOf(qids), new Fid(session, newFid, last, false), null);
            }
        } catch (IOException | RuntimeException e) {
            if (exists) {
                clunkQuietly(connection, newFid, e);
            }
            session.releaseFid(newFid);
            throw e;
        }
        if (exists) {   // a later step stopped short: newfid is where the earlier steps left it
            try {
                connection.callUninterruptibly(new Tclunk(newFid));
            } catch (IOException e) {
                // clunk(5): the fid is gone even after an error
            }
        }
        session.releaseFid(newFid);
        return stopped;
    }

    /** As {@link Fid#walkAsync}. */
    static CompletableFuture<Fid> async(Fid from, String... names) {
        Session session = from.session();
        if (names.length > P9.MAX_WALK_ELEMENTS) {
            return session.async(() -> walk(from, Arrays.asList(names)));
        }
        int newFid;
        try {
            from.checkUsable();
            newFid = session.allocateFid();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<String> list = List.of(names);
        ReplyHandler<Fid> handler = session.fidMaker(newFid, new Session.FidFactory() {
            @Override
            public Fid fid(RMessage reply) {
                return new Fid(session, newFid, list.isEmpty() ? from.qid() : ((Rwalk) reply).qids().getLast(), false);
            }

            @Override
            public IOException notMade(RMessage reply) {
                return notFound(list, ((Rwalk) reply).qids().size());
            }
        }, reply -> reply instanceof Rwalk w && w.qids().size() == list.size());
        return from.connection().send(new Twalk(from.number(), newFid, list), handler);
    }

    /** As {@link Fid#pathElements}. */
    static List<String> pathElements(String path) {
        List<String> names = new ArrayList<>();
        for (String n : path.split("/")) {
            if (!n.isEmpty() && !n.equals(".")) {
                names.add(n);
            }
        }
        return names;
    }

    private static RemoteErrorException notFound(List<String> names, int walked) {
        return new RemoteErrorException(MessageType.TWALK, Errno.ENOENT.number(),
                "'" + names.get(walked) + "' not found" + (walked == 0 ? "" : " after "
                        + String.join("/", names.subList(0, walked))));
    }

    private static void clunkQuietly(Connection connection, int fid, Throwable cause) {
        try {
            connection.callUninterruptibly(new Tclunk(fid));
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
