package io.ninep.server.local;

/** A file's identity on this machine: device and inode. The key of the lock table and the change counts. */
record FileKey(long dev, long ino) {}
