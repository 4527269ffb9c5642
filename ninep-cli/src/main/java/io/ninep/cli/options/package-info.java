/**
 * What the options of several commands share: byte sizes as people write them on a command line
 * ({@link io.ninep.cli.options.ByteSize}) and this process's user and group, the defaults for the
 * ids a client sends ({@link io.ninep.cli.options.ProcessIds}).
 */
package io.ninep.cli.options;
