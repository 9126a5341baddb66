package io.atsbridge.connectors.lever;

import io.atsbridge.connectors.ConnectionRules;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a Lever connection declares: a signature token per webhook, one event each (Lever signs each event type
 * with its own token, so one token for every event would verify only one of them), and the Lever user id writes are
 * performed as ({@code perform_as}, a UUID).
 */
final class LeverConnectionRules {

    static final ConnectionRules RULES = ConnectionRules.standard("LEVER")
            .withEventSecrets(new ConnectionRules.EventSecrets("Lever", LeverWebhook.EVENTS,
                    List.of("candidateStageChange", "candidateHired"),
                    "Lever shows each webhook's token in Settings > Integrations and API > Webhooks, or returns it as "
                            + "configuration.signatureToken"))
            .withActingUser(ConnectionRules.ActingUser.identifiedBy(Pattern.compile("[A-Za-z0-9-]{1,64}"),
                    "the Lever user id (perform_as), e.g. 8d49b010-cc6a-4f40-ace5-e86061c677ed"));

    private LeverConnectionRules() {
    }
}
