package io.atsbridge.gateway.domain;

import io.atsbridge.gateway.config.CalledPeers.CalledPeer;

/** Asks one service the gateway calls whether it serves and accepts the gateway's token, with short deadlines. */
public interface PeerProbe {

    /** What the peer answered; never throws for anything the peer does. */
    PeerReadiness probe(CalledPeer peer);
}
