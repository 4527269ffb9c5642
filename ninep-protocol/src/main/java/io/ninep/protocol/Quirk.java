package io.ninep.protocol;

/**
 * Something a lenient decoder accepted that the protocol does not allow, with where it was seen.
 * Tools report these ("Rflush: 2 bytes after the end of the message, ignored").
 */
public record Quirk(String messageType, String field, String description) {
    @Override
    public String toString() {
        return messageType + (field == null ? "" : "." + field) + ": " + description;
    }
}
