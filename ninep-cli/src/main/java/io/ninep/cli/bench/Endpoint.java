package io.ninep.cli.bench;

import io.ninep.client.ClientConfig;
import io.ninep.client.Fid;
import io.ninep.client.Session;
import java.io.IOException;

/**
 * One server as the client scenarios reach it.
 *
 * @param server "ninep" or "diod"
 * @param backend "memory", "null", "local" (diod: "local" too, it serves the same tmpfs directory)
 * @param transport "tcp" or "unix"
 * @param address the dial string
 * @param aname what to attach ("" for ninep; the exported directory for diod)
 * @param bigFile the file the sequential scenarios read and write
 * @param maxMsize the largest msize the server agrees to
 */
record Endpoint(String server, String backend, String transport, String address, String aname, String bigFile,
                int maxMsize) {

    /** "ninep/memory tcp", "diod tcp". */
    String label() {
        return (server.equals("diod") ? server : server + "/" + backend) + " " + transport;
    }

    /** A session asking for {@code msize}, keeping {@code window} requests in flight for large I/O. */
    Session connect(int msize, int window) throws IOException {
        return Session.connect(address, ClientConfig.defaults().withMsize(msize).withIoWindow(window));
    }

    /** Attaches as root (uid 0): both servers then act as themselves, with no credential switching. */
    Fid attach(Session s) throws IOException {
        return s.attach(null, "root", aname, 0);
    }
}
