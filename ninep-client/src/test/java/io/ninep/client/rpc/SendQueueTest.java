package io.ninep.client.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendQueueTest {

    @Test
    void flushesGoAheadOfOrdinaryRequestsInTheirOwnOrder() {
        SendQueue q = new SendQueue();
        Request a = new Request(false);
        Request b = new Request(false);
        Request f1 = new Request(true);
        Request f2 = new Request(true);
        q.addLast(a);
        q.addLast(b);
        q.addFlush(f1);
        q.addFlush(f2);
        assertThat(q.poll()).isSameAs(f1);
        Request f3 = new Request(true);
        q.addFlush(f3);
        List<Request> rest = new ArrayList<>();
        q.drainTo(rest);
        assertThat(rest).containsExactly(f2, f3, a, b);
        assertThat(q.isEmpty()).isTrue();
    }

    @Test
    void aCancelledRequestLeavesFromTheMiddle() {
        SendQueue q = new SendQueue();
        Request a = new Request(false);
        Request b = new Request(false);
        Request c = new Request(false);
        q.addLast(a);
        q.addLast(b);
        q.addLast(c);
        q.remove(b);
        assertThat(b.queued).isFalse();
        Request f = new Request(true);
        q.addFlush(f);
        assertThat(q.poll()).isSameAs(f);
        assertThat(q.poll()).isSameAs(a);
        assertThat(q.poll()).isSameAs(c);
        assertThat(q.poll()).isNull();
    }
}
