/**
 * Scoped guests: callers without an account (a webcall customer) who authenticate with credentials a
 * policy vouches for (ephemeral `"<expiry>:<user>"` digest usernames) and may call exactly one user.
 * The embedded registrar and proxy consult the policy; what the names look like is the policy's business.
 */
export interface SipGuestPolicy {
  /** Digest HA1 for a guest's digest username, or undefined when it is not a valid guest credential. */
  ha1(digestUsername: string, realm: string): string | undefined;
  /** The SIP user part a guest digest username stands for (its From/To user), or undefined. */
  userOf(digestUsername: string): string | undefined;
  /** For a guest SIP user: the one user part it may send requests to; undefined when not a guest. */
  allowedTarget(user: string): string | undefined;
  /**
   * false once a guest user may no longer be served (its link expired, its room was closed): its
   * sockets are closed and its bindings dropped. Only asked about guest users.
   */
  isActive(user: string): boolean;
}
