package io.atsbridge.connectors.smartrecruiters;

import io.atsbridge.connectors.VendorModule;
import io.atsbridge.connectors.webhook.HookSecretHandshake;
import io.atsbridge.connectors.webhook.ReplayGuard;
import io.atsbridge.connectors.webhook.VendorWebhooks;
import io.atsbridge.connectors.webhook.WebhookSettings;

import java.util.Optional;

/**
 * SmartRecruiters (vendors.md §5): signed notifications answered 202, after a subscription activation handshake that
 * echoes {@code X-Hook-Secret}. No API connector.
 */
public final class SmartRecruitersModule implements VendorModule {

    @Override
    public String name() {
        return "SMARTRECRUITERS";
    }

    @Override
    public Optional<VendorWebhooks> webhooks(WebhookSettings settings) {
        return Optional.of(new VendorWebhooks(new SmartRecruitersSignature(settings.window()), new SmartRecruitersEvents(),
                202, ReplayGuard.NONE, new HookSecretHandshake(SmartRecruitersSignature.SIGNATURE)));
    }
}
