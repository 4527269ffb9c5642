/**
 * Acting for the attached user: {@link io.ninep.server.local.cred.DirectActor} (the server's own
 * credentials) and {@link io.ninep.server.local.cred.SwitchingActor} on a
 * {@link io.ninep.server.local.cred.CredentialPool} (a root server acting for someone else), with
 * users and groups from {@link io.ninep.server.local.cred.UserDatabase}.
 */
package io.ninep.server.local.cred;
