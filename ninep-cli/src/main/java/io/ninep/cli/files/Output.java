package io.ninep.cli.files;

import io.ninep.protocol.WireString;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;

/**
 * Standard output as bytes: file content as it is, and lines of text whose names go out as
 * the bytes they are on the server (a name that is not UTF-8 is not mangled). A write that
 * fails (a closed pipe) throws "write error" instead of being swallowed as PrintStream does.
 */
public final class Output implements AutoCloseable {
    private final OutputStream out;

    public Output(PrintStream stdout) {
        this.out = new BufferedOutputStream(new Checked(stdout), 64 * 1024);
    }

    public void line(String text) throws IOException {
        out.write(WireString.toBytes(text));
        out.write('\n');
    }

    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    /** Writes the buffer's remaining bytes (a heap buffer, or any other, copied). */
    public void write(ByteBuffer b) throws IOException {
        if (b.hasArray()) {
            out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
            b.position(b.limit());
        } else {
            byte[] a = new byte[b.remaining()];
            b.get(a);
            out.write(a);
        }
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }

    /** A PrintStream's errors as exceptions. */
    private static final class Checked extends OutputStream {
        private final PrintStream ps;

        Checked(PrintStream ps) {
            this.ps = ps;
        }

        @Override
        public void write(int b) throws IOException {
            ps.write(b);
            check();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ps.write(b, off, len);
            check();
        }

        @Override
        public void flush() throws IOException {
            ps.flush();
            check();
        }

        private void check() throws IOException {
            if (ps.checkError()) {
                throw new IOException("write error");
            }
        }
    }
}
