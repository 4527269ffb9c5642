/**
 * The RPC engine of ninep's 9P client: one {@link io.ninep.client.rpc.Connection} per transport,
 * many requests in flight, replies matched by tag, cancellation by Tflush.
 *
 * <h2>A request's life</h2>
 * {@link io.ninep.client.rpc.State} is DESIGN.md's diagram, plus CANCELLED for a request
 * cancelled before it was written (it never had a tag, and nothing is sent):
 * <pre>
 * NEW -> SENT -> REPLIED                       normal
 * SENT -> FLUSHING -> REPLIED -> FLUSHED       the reply beat the Rflush: it is the result (flush(5))
 * SENT -> FLUSHING -> FLUSHED                  cancelled: as if never sent
 * NEW -> CANCELLED                             cancelled while queued or waiting for a tag or buffer
 * any -> FAILED                                connection lost
 * </pre>
 * Every move goes through {@code Request.transition(expected, next)}, which throws on a move the
 * diagram lacks. The first terminal state wins; cancelling twice is harmless.
 *
 * <h2>Threads and locks</h2>
 * Callers never write through the transport's channel: a writer thread writes the frames, a
 * reader thread reads every reply (platform threads: blocking in the transport, virtual ones
 * would allocate at each request; docs/design-notes.md). This departs from the letter of
 * DESIGN.md ("take the tag under the writer lock", done by the caller) for one reason:
 * interrupting a thread that is inside a channel operation closes the channel, so a caller's
 * interrupt, which must cost a Tflush, would cost the connection. The tag is still taken at the
 * moment the frame goes: the writer thread takes a request off the send queue and allocates its
 * tag in one critical section, and writes everything that queued up while it was busy with one
 * gathering write. The exception is an idle connection (nothing else queued or awaiting a reply,
 * and none at the request before): there the caller takes the tag and sends the frame itself
 * with the transport's {@code sendNow}, a send(2) that never waits and that no interrupt can
 * turn into a closed channel, saving the hand-off to the writer; the writer waits meanwhile,
 * and sends first whatever the socket could not take. One lock ({@code Exchanges.lock}) guards the
 * requests' state, the tag table, the permits and the queue; see {@code Exchanges} for the
 * order in which it meets the pool's and the frame writer's locks.
 *
 * <h2>Tags</h2>
 * Cyclic, skipping tags in use ({@code TagTable}). Ordinary requests may hold 65531 of the 65535;
 * four are kept for Tflush, as many as the buffer pool has reserve buffers, and a Tflush takes
 * its reply buffer from that reserve. A cancellation therefore never waits for a tag or a buffer
 * held by the requests it cancels (the deadlock that shelved Linux's 9p mempool patch). Callers
 * wait when every ordinary tag is in use.
 *
 * <h2>Buffers</h2>
 * Each request takes its reply buffer from the connection's pool before it is queued, sized by
 * {@code TMessage.maxReplySize} and capped at the 64 KiB class (a legal reply beyond the cap,
 * such as a 65535-byte symlink target, fails its request alone and is skipped); a Tread or
 * Treaddir whose payload goes straight into the caller's buffer takes only room for an error
 * reply. The writer encodes into its own staging buffer and sends Twrite payloads from the
 * caller's buffer, so requests take no T buffer. The Tversion exchange happens before the pool
 * exists (its size classes depend on the msize it settles) and reads Rversion into a plain heap
 * buffer. Who releases what, and when, is written at the top of {@code Exchanges}.
 *
 * <h2>Observation</h2>
 * {@code ClientObserver} is called at the state transitions, under the lock that is held there
 * anyway: it keeps the counters of {@link io.ninep.client.rpc.Connection#metrics()} and, while a
 * Flight Recorder recording enables them, records the events {@code io.ninep.client.Request}
 * (one per request, from its write to its reply or Rflush), {@code io.ninep.client.Version} and
 * {@code io.ninep.client.Close}. With no recording it costs a flag check per request and
 * allocates nothing.
 *
 * <h2>Replies the engine refuses</h2>
 * A reply whose tag no request holds, a second reply for a tag, a reply of the wrong type, a
 * malformed frame, a payload larger than asked for, or an error reply to Tflush: the connection
 * is closed and every pending request fails with {@link io.ninep.client.ConnectionClosedException}
 * whose cause is the {@link io.ninep.protocol.ProtocolException}. Linux's trans_fd does the same
 * for unknown tags; skipping them would risk taking a late reply for another request's.
 */
package io.ninep.client.rpc;
