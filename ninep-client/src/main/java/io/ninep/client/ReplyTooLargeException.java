package io.ninep.client;

import io.ninep.protocol.MessageType;
import io.ninep.protocol.NinePException;

/**
 * A reply the protocol allows was larger than the buffer the client set aside for it (the client
 * caps a reply buffer at 64 KiB; a symlink target or a 9P2000 stat near the 65535-byte string
 * limit can exceed it). The reply was skipped; the connection is fine.
 */
public class ReplyTooLargeException extends NinePException {
    public ReplyTooLargeException(MessageType request, int replySize, int bufferSize) {
        super("the " + replySize + "-byte reply to " + request + " exceeds the " + bufferSize
                + "-byte buffer the client keeps for it; it was skipped");
    }
}
