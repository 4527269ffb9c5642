/**
 * The servers the interop tests run against, as fixtures any test package can use: Debian's
 * diod ({@link io.ninep.it.peers.Diod}), nfs-ganesha in a network namespace of its own
 * ({@link io.ninep.it.peers.Ganesha}), and JUnit extensions that give a test class one of them,
 * or ninep's own server in process ({@link io.ninep.it.peers.NinepServerExtension}), for all its
 * tests.
 */
package io.ninep.it.peers;
