package io.atsbridge.connectors.greenhouse;

import io.atsbridge.connectors.ConnectionRules;

import java.util.List;

/**
 * What a Greenhouse connection declares: Harvest v3 with an OAuth client unless it names v1 (v1/v2 were retired for
 * most accounts on 31 Aug 2026; v1 stays for accounts not yet migrated), and the numeric id of the user writes are
 * made on behalf of ({@code On-Behalf-Of}).
 */
final class GreenhouseConnectionRules {

    static final ConnectionRules RULES = ConnectionRules.standard("GREENHOUSE")
            .withApiVersions(ConnectionRules.ApiVersions.of(List.of("v3", "v1"), "v3 (Harvest v3, the default) or v1")
                    .withOAuthClient("v3", new ConnectionRules.OAuthClient(GreenhouseOAuthClient.GREENHOUSE_TOKEN_URL,
                            "the Harvest v3 OAuth client's id and secret as client_id:client_secret (set api-version: v1 "
                                    + "to use a Harvest v1 API key instead)")));

    private GreenhouseConnectionRules() {
    }
}
