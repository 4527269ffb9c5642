/**
 * Test fixtures for the 9P codec, shipped in ninep-protocol's test-jar so that the client,
 * server and transport tests can use them too:
 *
 * <ul>
 *   <li>{@link io.ninep.protocol.testing.MessageArbitraries}: a jqwik arbitrary for every message,
 *       and "any message (request, reply, frame) valid in dialect D";
 *   <li>{@link io.ninep.protocol.testing.ReplyArbitraries}: the replies a given request can
 *       legally get, and the largest of them;
 *   <li>{@link io.ninep.protocol.testing.WireArbitraries}: wire integers, strings including
 *       names that are not UTF-8, payload views, stat/attr/dirent;
 *   <li>{@link io.ninep.protocol.testing.DialectNormalizer}: what a value becomes after a trip
 *       over the wire in a dialect;
 *   <li>{@link io.ninep.protocol.testing.GoldenVectors} and
 *       {@link io.ninep.protocol.testing.CapturedSession}: the hand-made frames of
 *       {@code golden/messages.txt} and the diod capture {@code golden/diod-session.txt};
 *   <li>{@link io.ninep.protocol.testing.Chunking}, {@link io.ninep.protocol.testing.FrameMutations},
 *       {@link io.ninep.protocol.testing.DecodeOracle}, {@link io.ninep.protocol.testing.Hex}:
 *       for stream, fuzz and byte-level tests.
 * </ul>
 *
 * To use them from another module, depend on
 * {@code io.ninep:ninep-protocol:${project.version}:test-jar} with test scope.
 */
package io.ninep.protocol.testing;
