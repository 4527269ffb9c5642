package io.ninep.cli.bench;

/** What a {@link Result} measures, with its unit as the CSV and the tables print it. */
public enum Metric {
    THROUGHPUT("throughput", "MiB/s"),
    RATE("rate", "ops/s"),
    LATENCY_P50("latency_p50", "us"),
    LATENCY_P90("latency_p90", "us"),
    LATENCY_P99("latency_p99", "us"),
    LATENCY_P999("latency_p99.9", "us"),
    /** Heap bytes allocated in the whole client JVM (every thread) per request. */
    CLIENT_HEAP("client_heap_per_request", "B"),
    /** Heap bytes allocated by the calling thread alone per request. */
    CALLER_HEAP("caller_heap_per_request", "B"),
    /** Heap bytes allocated in the whole server JVM per request. */
    SERVER_HEAP("server_heap_per_request", "B"),
    /** Pool buffers taken above the small class (4 KiB), per request, client side. */
    CLIENT_LARGE_BUFFERS("client_buffers_above_small_per_request", "buffers"),
    /** The same on the server side. */
    SERVER_LARGE_BUFFERS("server_buffers_above_small_per_request", "buffers"),
    /** Time per directory entry. */
    TIME_PER_ENTRY("time_per_entry", "ns"),
    /** Entries a directory listing returned (a check that the listing was whole). */
    ENTRIES("entries", "entries"),
    /** A figure over its baseline, repeat by repeat, each pair measured back to back. */
    RATIO_IN_TURN("ratio_in_turn", "x");

    private final String id;
    private final String unit;

    Metric(String id, String unit) {
        this.id = id;
        this.unit = unit;
    }

    public String id() {
        return id;
    }

    public String unit() {
        return unit;
    }

    public boolean isLatency() {
        return this == LATENCY_P50 || this == LATENCY_P90 || this == LATENCY_P99 || this == LATENCY_P999;
    }
}
