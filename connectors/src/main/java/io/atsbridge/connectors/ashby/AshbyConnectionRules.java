package io.atsbridge.connectors.ashby;

import io.atsbridge.connectors.ConnectionRules;

/** What an Ashby connection declares: no user to write on behalf of, as Ashby attributes writes to the API key's owner. */
final class AshbyConnectionRules {

    static final ConnectionRules RULES = ConnectionRules.standard("ASHBY")
            .withActingUser(ConnectionRules.ActingUser.attributedByVendor(
                    "nothing: Ashby attributes writes to the owner of the API key"));

    private AshbyConnectionRules() {
    }
}
