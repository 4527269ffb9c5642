/**
 * {@link io.ninep.server.local.LocalFileServer}: a directory of this Linux machine served through
 * the {@link io.ninep.server.spi.FileServer} SPI, confined to the directory by openat2 and O_PATH
 * descriptors, acting for each attached user when run as root.
 *
 * <p>Layout: {@code LocalFileServer} (attach, options), {@code LocalNode} (a fid's file),
 * {@code Walking} (the system calls of a walk),
 * {@code LocalFile} and {@code LocalDirectory} (open files), {@code Making} (creation with the
 * kernel's ownership rules), {@code Locator} (current parent and name of a file, for remove,
 * rename and ".."), {@code Qids}, {@code Attrs}, {@code Names}, {@code OpenFlags};
 * {@code sys} holds the FFM system calls, {@code cred} the identity machinery.
 */
package io.ninep.server.local;
