package io.ninep.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ninep.protocol.ProtocolException;
import io.ninep.protocol.WireReader;
import io.ninep.protocol.WireString;
import io.ninep.protocol.testing.Hex;
import io.ninep.protocol.testing.WireArbitraries;
import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Unpacking Rreaddir data: qid[13] offset[8] type[1] name[s], back to back (diod protocol.md). */
class DirEntryDecodeAllTest {

    /** Three entries, laid out by hand: ".", "..", and a file "foo". */
    private static final String THREE = "80 00000000 ac1f2c0000000000 0100000000000000 04 0100 2e"
            + " 80 00000000 ab1f2c0000000000 0200000000000000 04 0200 2e2e"
            + " 00 00000000 d11b2c0000000000 ffffff7f00000000 08 0300 666f6f";

    @Test
    void decodesEveryEntryInOrder() throws ProtocolException {
        List<DirEntry> entries = DirEntry.decodeAll(ByteBuffer.wrap(Hex.decode(THREE)), new WireReader());
        assertThat(entries).containsExactly(
                new DirEntry(new Qid(Qid.DIR, 0, 0x2c1fac), 1, DirEntry.DT_DIR, "."),
                new DirEntry(new Qid(Qid.DIR, 0, 0x2c1fab), 2, DirEntry.DT_DIR, ".."),
                new DirEntry(new Qid(Qid.FILE, 0, 0x2c1bd1), 0x7fffffffL, DirEntry.DT_REG, "foo"));
    }

    @Test
    void noDataIsNoEntries() throws ProtocolException {
        assertThat(DirEntry.decodeAll(ByteBuffer.allocate(0), new WireReader())).isEmpty();
    }

    @Test
    void readsFromThePositionAndLeavesItAlone() throws ProtocolException {
        byte[] padded = Hex.decode("eeee " + THREE + " eeee");
        ByteBuffer data = ByteBuffer.wrap(padded, 2, padded.length - 4);
        assertThat(DirEntry.decodeAll(data, new WireReader())).hasSize(3);
        assertThat(data.position()).isEqualTo(2);
        assertThat(data.limit()).isEqualTo(padded.length - 2);
    }

    @Test
    void aTruncatedEntryIsAProtocolException() {
        byte[] all = Hex.decode(THREE);
        for (int cut : new int[] {1, 3, 5, 10}) {
            ByteBuffer truncated = ByteBuffer.wrap(all, 0, all.length - cut);
            ProtocolException e = catchThrowableOfType(ProtocolException.class,
                    () -> DirEntry.decodeAll(truncated, new WireReader()));
            assertThat(e).as("cut %d", cut).isNotNull();
            assertThat(e.messageType()).isEqualTo("Rreaddir.data");
            assertThat(e.field()).startsWith("dirent.");
        }
        ProtocolException inQid = catchThrowableOfType(ProtocolException.class,
                () -> DirEntry.decodeAll(ByteBuffer.wrap(all, 0, 30), new WireReader()));
        assertThat(inQid.field()).isEqualTo("dirent.qid");
    }

    @Property(tries = 300)
    void packedEntriesComeBackAsTheyWere(@ForAll("entries") List<DirEntry> entries) throws ProtocolException {
        List<DirEntry> back = DirEntry.decodeAll(WireArbitraries.pack(entries), new WireReader());
        assertThat(back).isEqualTo(entries);
        for (int i = 0; i < entries.size(); i++) {
            assertThat(WireString.toBytes(back.get(i).name())).isEqualTo(WireString.toBytes(entries.get(i).name()));
        }
    }

    @Provide
    Arbitrary<List<DirEntry>> entries() {
        return WireArbitraries.dirEntries().list().ofMaxSize(20);
    }
}
