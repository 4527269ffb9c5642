/**
 * The Linux system calls the local backend needs and the JDK lacks, through the FFM API: the
 * *at family relative to O_PATH descriptors, openat2 with RESOLVE_BENEATH, statx, xattrs through
 * /proc/self/fd magic links, pread/pwrite that an interrupt cannot close, and per-thread
 * credentials. Each failure becomes an {@link io.ninep.protocol.ErrnoException} naming the
 * operation and file.
 */
package io.ninep.server.local.sys;
