package io.ninep.client.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** DESIGN.md's request diagram, arrow by arrow, and nothing else. */
class StateTest {

    @Test
    void theDiagramsArrows() {
        assertThat(next(State.NEW)).containsExactlyInAnyOrder(State.SENT, State.CANCELLED, State.FAILED);
        assertThat(next(State.SENT)).containsExactlyInAnyOrder(State.REPLIED, State.FLUSHING, State.FAILED);
        assertThat(next(State.FLUSHING)).containsExactlyInAnyOrder(State.REPLIED, State.FLUSHED, State.FAILED);
        assertThat(next(State.REPLIED)).containsExactlyInAnyOrder(State.FLUSHED, State.FAILED);
        assertThat(next(State.FLUSHED)).isEmpty();
        assertThat(next(State.CANCELLED)).isEmpty();
        assertThat(next(State.FAILED)).isEmpty();
    }

    @Test
    void illegalMovesFailLoudly() {
        Request r = new Request(false);
        assertThatThrownBy(() -> r.transition(State.NEW, State.REPLIED)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> r.transition(State.SENT, State.REPLIED))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("state is NEW");
        r.transition(State.NEW, State.SENT);
        r.transition(State.SENT, State.REPLIED);
        assertThat(r.isTerminal()).isTrue();
        // REPLIED leads on only while a Tflush is outstanding.
        assertThatThrownBy(() -> r.transition(State.REPLIED, State.FLUSHED)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void replyBeforeRflushIsNotTheEnd() {
        Request r = new Request(false);
        r.transition(State.NEW, State.SENT);
        r.transition(State.SENT, State.FLUSHING);
        r.flushSent = true;
        r.transition(State.FLUSHING, State.REPLIED);
        assertThat(r.isTerminal()).isFalse();
        r.transition(State.REPLIED, State.FLUSHED);
        assertThat(r.isTerminal()).isTrue();
    }

    @Test
    void resetStartsAFreshGeneration() {
        Request r = new Request(false);
        int g = r.generation;
        r.transition(State.NEW, State.CANCELLED);
        r.reset();
        assertThat(r.generation).isEqualTo(g + 1);
        assertThat(r.state).isEqualTo(State.NEW);
    }

    private static Set<State> next(State s) {
        Set<State> out = EnumSet.noneOf(State.class);
        for (State n : State.values()) {
            if (s.canMoveTo(n)) {
                out.add(n);
            }
        }
        return out;
    }
}
