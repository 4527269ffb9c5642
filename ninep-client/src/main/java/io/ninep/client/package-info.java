/**
 * ninep's 9P client: {@link io.ninep.client.Session} (version, attach, fid numbers) and
 * {@link io.ninep.client.Fid} (one handle per fid, closed by Tclunk) with every 9P2000.L
 * operation, the 9P2000/9P2000.u ones, and dialect-neutral helpers ({@code open}, {@code create},
 * {@code attributes}, {@code list}, {@code delete}, {@code walkPath}, {@code channel}) for the
 * java.nio.file provider to come.
 *
 * <h2>Errors</h2>
 * All are {@link java.io.IOException}s: {@link io.ninep.client.RemoteErrorException} (the server
 * said no: errno, text, and {@code toNioException}), {@link io.ninep.client.RequestCancelledException}
 * (cancelled, no effect on the server), {@link io.ninep.client.ConnectionClosedException} (the
 * connection is gone; every pending request gets it), {@link io.ninep.protocol.ProtocolException}
 * (as the cause of a closed connection: the peer broke the rules).
 *
 * <h2>Real servers</h2>
 * Replies are decoded leniently by default; each deviation is kept as a
 * {@link io.ninep.protocol.Quirk} ({@link io.ninep.client.Session#quirks()}), as is every
 * fallback the client chose: without Tunlinkat or Trenameat (diod answers EOPNOTSUPP) the client
 * walks to the file and sends Tremove or Trename, as Linux's v9fs does.
 */
package io.ninep.client;
