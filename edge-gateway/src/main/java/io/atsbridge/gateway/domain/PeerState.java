package io.atsbridge.gateway.domain;

/** What the gateway's readiness found out about one service it calls. */
public enum PeerState {
    /** The service answers SERVING and accepts the gateway's token with every role the gateway needs there. */
    READY,
    /** The service did not answer in time, or nothing listens at its address. */
    UNREACHABLE,
    /** The service answers, but not SERVING: it is starting, stopping or cannot reach its database. */
    NOT_SERVING,
    /** The service refuses the gateway's token (ATSBRIDGE_CLIENT_TOKEN). */
    TOKEN_REFUSED,
    /** The service accepts the gateway's token, but the token lacks a role the gateway's calls need. */
    ROLE_MISSING,
    /** The service answered the access check with an unexpected error, so whether it accepts the token is unknown. */
    ACCESS_CHECK_FAILED
}
