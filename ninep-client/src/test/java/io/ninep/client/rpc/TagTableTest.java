package io.ninep.client.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TagTableTest {

    @Test
    void allocatesCyclicallySkippingTagsInUse() {
        TagTable t = new TagTable();
        Request a = new Request(false);
        Request b = new Request(false);
        Request c = new Request(false);
        assertThat(t.allocate(a)).isZero();
        assertThat(t.allocate(b)).isEqualTo(1);
        t.free(0, a);
        assertThat(t.allocate(c)).as("0 is free, but the allocator moves on").isEqualTo(2);
        assertThat(t.get(1)).isSameAs(b);
        assertThat(t.size()).isEqualTo(2);
    }

    @Test
    void wrapsAroundAndSkipsTheBusy() {
        TagTable t = new TagTable();
        Request[] rs = new Request[TagTable.TAGS];
        for (int i = 0; i < TagTable.TAGS; i++) {
            rs[i] = new Request(false);
            assertThat(t.allocate(rs[i])).isEqualTo(i);
        }
        assertThat(t.size()).isEqualTo(65535);
        assertThatThrownBy(() -> t.allocate(new Request(false))).isInstanceOf(IllegalStateException.class);
        t.free(300, rs[300]);
        t.free(7, rs[7]);
        assertThat(t.allocate(new Request(false))).isEqualTo(7);
        assertThat(t.allocate(new Request(false))).isEqualTo(300);
        assertThat(t.get(0xFFFF)).as("NOTAG is never a request's").isNull();
    }

    @Test
    void freeingSomeoneElsesTagFails() {
        TagTable t = new TagTable();
        Request a = new Request(false);
        t.allocate(a);
        assertThatThrownBy(() -> t.free(0, new Request(false))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void drainEmptiesTheTable() {
        TagTable t = new TagTable();
        t.allocate(new Request(false));
        t.allocate(new Request(false));
        assertThat(t.drain()).hasSize(2);
        assertThat(t.size()).isZero();
        assertThat(t.get(0)).isNull();
    }
}
