package io.ninep.protocol;

/**
 * What a decoder does with input that breaks the letter of the protocol but can still be
 * understood: bytes left over after a message (kvmtool's Rflush carries two), an Rerror in
 * 9P2000.L carrying a bare errno (nfs-ganesha), a stat whose size field disagrees with its
 * fields.
 */
public enum Strictness {
    /** Such input is a {@link ProtocolException}. Right for conformance checks and tests. */
    STRICT,
    /** Such input is decoded as well as it can be and reported as a {@link Quirk}. Right for clients talking to real servers. */
    LENIENT
}
