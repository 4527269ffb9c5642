package io.ninep.server.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link FileLocks} against a model that keeps, for each byte of a small file, what each owner
 * holds on it. Finite ranges lie in bytes 0..{@value #LAST}; cell {@value #BEYOND} of the model
 * stands for every byte after that, which only "to end of file" ranges reach.
 */
class FileLocksPropertiesTest {
    private static final int LAST = 20;
    private static final int BEYOND = LAST + 1;
    private static final int CELLS = BEYOND + 1;
    private static final int OWNERS = 3;
    private static final int NONE = -1;

    record Op(int kind, int owner, int type, int start, int end) {
        static final int SET = 0, GET = 1, RELEASE = 2;

        long endOffset() {
            return end == BEYOND ? RangeLock.TO_EOF : end;
        }
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(
                Arbitraries.frequency(net.jqwik.api.Tuple.of(8, Op.SET), net.jqwik.api.Tuple.of(3, Op.GET),
                        net.jqwik.api.Tuple.of(1, Op.RELEASE)),
                Arbitraries.integers().between(0, OWNERS - 1),
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, LAST),
                Arbitraries.integers().between(0, LAST + 1))
                .as((kind, owner, type, start, len) -> {
                    int end = len == 0 || start + len - 1 > LAST ? BEYOND : start + len - 1;
                    return new Op(kind, owner, type, start, end);
                });
        return op.list().ofMaxSize(40);
    }

    private static LockOwner owner(int i) {
        return new LockOwner(i == 2 ? "other-host" : "host", i == 1 ? 8 : 7);
    }

    @Property(tries = 2000)
    void behavesLikeTheByteModel(@ForAll("ops") List<Op> ops) {
        FileLocks locks = new FileLocks();
        int[][] model = new int[OWNERS][CELLS];   // [owner][cell] = NONE, READ or WRITE
        for (int[] row : model) {
            java.util.Arrays.fill(row, NONE);
        }
        for (Op op : ops) {
            LockOwner who = owner(op.owner());
            switch (op.kind()) {
                case Op.SET -> {
                    boolean conflict = op.type() != RangeLock.UNLOCK && modelConflict(model, op) != null;
                    boolean granted = locks.set(who, op.type(), op.start(), op.endOffset());
                    assertThat(granted).as("%s", op).isEqualTo(!conflict);
                    if (granted) {
                        for (int c = op.start(); c <= op.end(); c++) {
                            model[op.owner()][c] = op.type() == RangeLock.UNLOCK ? NONE : op.type();
                        }
                    }
                }
                case Op.GET -> {
                    int type = op.type() == RangeLock.UNLOCK ? RangeLock.WRITE : op.type();
                    Op asked = new Op(op.kind(), op.owner(), type, op.start(), op.end());
                    RangeLock got = locks.conflict(who, type, op.start(), op.endOffset());
                    Integer firstCell = modelConflict(model, asked);
                    if (firstCell == null) {
                        assertThat(got).isNull();
                    } else {
                        assertThat(got).isNotNull();
                        // The lowest conflicting lock starts at or before the first conflicting byte.
                        assertThat(got.conflicts(who, type, op.start(), op.endOffset())).isTrue();
                        assertThat(normalize(model)).contains(got);
                        assertThat(normalize(model).stream()
                                .filter(l -> l.conflicts(who, type, op.start(), op.endOffset()))
                                .mapToLong(RangeLock::start).min().orElseThrow()).isEqualTo(got.start());
                    }
                }
                default -> {
                    locks.releaseAll(who);
                    java.util.Arrays.fill(model[op.owner()], NONE);
                }
            }
            assertThat(sorted(locks.locks())).as("after %s", op).isEqualTo(sorted(normalize(model)));
            assertThat(locks.isEmpty()).isEqualTo(normalize(model).isEmpty());
        }
    }

    /** The first cell where another owner holds a conflicting lock, or null. */
    private static Integer modelConflict(int[][] model, Op op) {
        for (int c = op.start(); c <= op.end(); c++) {
            for (int o = 0; o < OWNERS; o++) {
                if (o == op.owner() || model[o][c] == NONE) {
                    continue;
                }
                if (model[o][c] == RangeLock.WRITE || op.type() == RangeLock.WRITE) {
                    return c;
                }
            }
        }
        return null;
    }

    /** The model as maximal runs per owner and type: the shortest list of locks. */
    private static List<RangeLock> normalize(int[][] model) {
        List<RangeLock> out = new ArrayList<>();
        for (int o = 0; o < OWNERS; o++) {
            int c = 0;
            while (c < CELLS) {
                int t = model[o][c];
                if (t == NONE) {
                    c++;
                    continue;
                }
                int s = c;
                while (c + 1 < CELLS && model[o][c + 1] == t) {
                    c++;
                }
                out.add(new RangeLock(owner(o), t, s, c == BEYOND ? RangeLock.TO_EOF : c));
                c++;
            }
        }
        return out;
    }

    private static List<RangeLock> sorted(List<RangeLock> locks) {
        List<RangeLock> copy = new ArrayList<>(locks);
        copy.sort(Comparator.comparingLong(RangeLock::start)
                .thenComparing(l -> l.owner().clientId()).thenComparingInt(l -> l.owner().procId()));
        return copy;
    }
}
