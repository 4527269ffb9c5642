package io.ninep.protocol.message;

import io.ninep.protocol.Dialect;
import io.ninep.protocol.MessageType;
import io.ninep.protocol.P9;
import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The qids of the path elements walked, in order. Fewer qids than names means the walk stopped
 * early and newfid was not made (walk(5)); an error on the first name is an Rerror/Rlerror.
 * <pre>size[4] Rwalk tag[2] nwqid[2] nwqid*(wqid[13])</pre>
 */
public record Rwalk(List<Qid> qids) implements RMessage {
    public Rwalk {
        qids = List.copyOf(qids);
        if (qids.size() > 0xFFFF) {
            throw new IllegalArgumentException(qids.size() + " qids do not fit nwqid[2]");
        }
    }

    public Rwalk(Qid... qids) {
        this(List.of(qids));
    }

    @Override
    public MessageType type() {
        return MessageType.RWALK;
    }

    @Override
    public int encodedSize(Dialect dialect) {
        return P9.HEADER_SIZE + 2 + P9.QID_SIZE * qids.size();
    }

    @Override
    public void encodeBody(ByteBuffer out, Dialect dialect) {
        out.putShort((short) qids.size());
        for (Qid q : qids) {
            q.encode(out);
        }
    }

    public static Rwalk decode(WireReader r, Dialect dialect) throws ProtocolException {
        int n = r.u16("nwqid");
        r.checkCount("nwqid", n, P9.QID_SIZE);
        Qid[] qids = new Qid[n];
        for (int i = 0; i < n; i++) {
            qids[i] = Qid.decode(r, "wqid[" + i + "]");
        }
        return new Rwalk(List.of(qids));
    }
}
