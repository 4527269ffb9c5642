package io.ninep.server.spi;

/** Rlock's status, with its wire values. */
public enum LockStatus {
    SUCCESS(0), BLOCKED(1), ERROR(2), GRACE(3);

    private final int wire;

    LockStatus(int wire) {
        this.wire = wire;
    }

    public int wire() {
        return wire;
    }
}
