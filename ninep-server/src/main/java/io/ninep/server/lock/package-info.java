/**
 * POSIX byte-range locks for any backend: a {@link io.ninep.server.lock.LockTable} per server,
 * keyed by file identity, and a {@link io.ninep.server.lock.LockHandle} per open file whose close
 * drops its owners' locks. Non-blocking: a conflict answers BLOCKED and the client retries.
 */
package io.ninep.server.lock;
