package io.ninep.cli.files;

import io.ninep.protocol.WireString;
import java.util.Arrays;
import java.util.Comparator;

/** Name order as ls and tree sort in the C locale: by the bytes of the names. */
public final class Names {
    private Names() {}

    /** Compares names by their bytes on the wire, unsigned (strcmp). */
    public static final Comparator<String> C_ORDER = (a, b) -> Arrays.compareUnsigned(WireString.toBytes(a), WireString.toBytes(b));

    public static boolean isHidden(String name) {
        return name.startsWith(".");
    }

    public static boolean isDotOrDotDot(String name) {
        return name.equals(".") || name.equals("..");
    }
}
