package io.atsbridge.launcher;

import io.atsbridge.sandbox.Sandbox;
import io.atsbridge.sandbox.SandboxSettings;

import java.net.URI;
import java.time.Duration;

/**
 * The sandbox Greenhouse and AI vendor for tests that kill a process mid-run: interviews complete quickly and
 * the vendors' retries (Greenhouse 1 min .. 8 h, the AI vendor 1 min .. 625 min) come within about 90 s, so
 * the deliveries a dead process never answered arrive again while the test waits.
 */
final class RestartSandbox {

    private RestartSandbox() {
    }

    /** Starts the simulators with reproducible AI results. */
    static Sandbox start(long seed) {
        return Sandbox.start(SandboxSettings.builder()
                .port(0)
                .greenhouseRateLimit(DemoEnvironment.GREENHOUSE_RATE_LIMIT)
                .aiVendorSeed(seed)
                .aiVendorAutoCompleteAfter(Duration.ofMillis(300))
                .retryTimeScale(1.0 / 600)
                .build());
    }

    /** Points both vendors' webhooks at the gateway's URLs of the demo scenario's connections. */
    static void sendWebhooksTo(Sandbox sandbox, String gateway) {
        sandbox.greenhouse().configureWebhook(URI.create(gateway + "/webhooks/" + DemoScenario.ATS_CONNECTION),
                sandbox.settings().greenhouseWebhookSecret());
        sandbox.aiVendor().configureWebhook(URI.create(gateway + "/webhooks/" + DemoScenario.AI_CONNECTION),
                sandbox.settings().aiVendorWebhookSecret());
    }
}
