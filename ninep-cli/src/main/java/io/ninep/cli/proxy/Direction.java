package io.ninep.cli.proxy;

/** Which way a frame travelled through the proxy. */
public enum Direction {
    /** Client to server: requests. */
    C2S("→", "c2s", "client"),
    /** Server to client: replies. */
    S2C("←", "s2c", "server");

    private final String arrow;
    private final String code;
    private final String sender;

    Direction(String arrow, String code, String sender) {
        this.arrow = arrow;
        this.code = code;
        this.sender = sender;
    }

    /** The arrow a text trace shows. */
    public String arrow() {
        return arrow;
    }

    /** The name in JSON traces: "c2s" or "s2c". */
    public String code() {
        return code;
    }

    /** Who sends in this direction: "client" or "server". */
    public String sender() {
        return sender;
    }
}
