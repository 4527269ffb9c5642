package io.ninep.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Wire numbers and dialect membership, checked against Linux's include/net/9p/9p.h. */
class MessageTypeTest {

    /** The requests' numbers as 9p.h's enum p9_msg_t gives them (replies are these plus one). */
    private static final Map<String, Integer> LINUX_NUMBERS = Map.ofEntries(
            Map.entry("TSTATFS", 8), Map.entry("TLOPEN", 12), Map.entry("TLCREATE", 14), Map.entry("TSYMLINK", 16),
            Map.entry("TMKNOD", 18), Map.entry("TRENAME", 20), Map.entry("TREADLINK", 22), Map.entry("TGETATTR", 24),
            Map.entry("TSETATTR", 26), Map.entry("TXATTRWALK", 30), Map.entry("TXATTRCREATE", 32),
            Map.entry("TREADDIR", 40), Map.entry("TFSYNC", 50), Map.entry("TLOCK", 52), Map.entry("TGETLOCK", 54),
            Map.entry("TLINK", 70), Map.entry("TMKDIR", 72), Map.entry("TRENAMEAT", 74), Map.entry("TUNLINKAT", 76),
            Map.entry("TVERSION", 100), Map.entry("TAUTH", 102), Map.entry("TATTACH", 104), Map.entry("TFLUSH", 108),
            Map.entry("TWALK", 110), Map.entry("TOPEN", 112), Map.entry("TCREATE", 114), Map.entry("TREAD", 116),
            Map.entry("TWRITE", 118), Map.entry("TCLUNK", 120), Map.entry("TREMOVE", 122), Map.entry("TSTAT", 124),
            Map.entry("TWSTAT", 126));

    @Test
    void numbersAreLinuxs() {
        for (var e : LINUX_NUMBERS.entrySet()) {
            MessageType t = MessageType.valueOf(e.getKey());
            assertThat(t.code()).as(t.name()).isEqualTo(e.getValue());
            assertThat(t.reply().code()).isEqualTo(e.getValue() + 1);
            assertThat(t.reply().name()).isEqualTo("R" + e.getKey().substring(1));
        }
        assertThat(MessageType.RLERROR.code()).isEqualTo(7);
        assertThat(MessageType.RERROR.code()).isEqualTo(107);
        assertThat(MessageType.values()).hasSize(2 * LINUX_NUMBERS.size() + 2);
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void byCodeFindsEachType(MessageType t) {
        assertThat(MessageType.byCode(t.code())).isSameAs(t);
        assertThat(t.isRequest()).isEqualTo(t.code() % 2 == 0);
        assertThat(MessageType.describe(t.code())).isEqualTo(t.displayName()).isEqualTo(t.toString());
    }

    @Test
    void repliesKnowTheirRequests_exceptTheErrorReplies() {
        assertThat(MessageType.RWALK.request()).isEqualTo(MessageType.TWALK);
        assertThat(MessageType.TWALK.request()).isNull();
        assertThat(MessageType.RWALK.reply()).isNull();
        assertThat(MessageType.RERROR.request()).isNull();
        assertThat(MessageType.RLERROR.request()).isNull();
    }

    @Test
    void reservedAndUnknownNumbersHaveNoType() {
        assertThat(MessageType.byCode(MessageType.RESERVED_TLERROR)).isNull();
        assertThat(MessageType.byCode(MessageType.RESERVED_TERROR)).isNull();
        assertThat(MessageType.byCode(-1)).isNull();
        assertThat(MessageType.byCode(256)).isNull();
        assertThat(MessageType.describe(6)).startsWith("Tlerror");
        assertThat(MessageType.describe(106)).startsWith("Terror");
        assertThat(MessageType.describe(250)).isEqualTo("unknown type 250");
    }

    @Test
    void dialectsHaveTheirMessages() {
        assertThat(countIn(Dialect.P9P2000)).isEqualTo(27);   // 14 pairs minus Terror
        assertThat(countIn(Dialect.P9P2000_U)).isEqualTo(27);
        assertThat(countIn(Dialect.P9P2000_L)).isEqualTo(57);   // 9 core pairs, Rlerror, 19 .L pairs
        assertThat(MessageType.TOPEN.allowedIn(Dialect.P9P2000_L)).isFalse();
        assertThat(MessageType.TLOPEN.allowedIn(Dialect.P9P2000)).isFalse();
        assertThat(MessageType.RERROR.allowedIn(Dialect.P9P2000_L)).isFalse();
        assertThat(MessageType.RLERROR.allowedIn(Dialect.P9P2000_U)).isFalse();
        assertThat(MessageType.TAUTH.allowedIn(Dialect.P9P2000_L)).isTrue();
    }

    @Test
    void displayNamesFollowTheManual() {
        assertThat(Arrays.stream(MessageType.values()).map(MessageType::displayName).collect(Collectors.toSet()))
                .contains("Tversion", "Rlerror", "Txattrwalk", "Runlinkat");
    }

    private static long countIn(Dialect d) {
        return Arrays.stream(MessageType.values()).filter(t -> t.allowedIn(d)).count();
    }
}
