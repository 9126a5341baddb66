package io.atsbridge.connectors.smartrecruiters;

import io.atsbridge.connectors.VendorModule;
import io.atsbridge.connectors.webhook.HookSecretHandshake;
import io.atsbridge.connectors.webhook.ReplayGuard;
import io.atsbridge.connectors.webhook.VendorWebhooks;

/** SmartRecruiters (vendors.md §5): signed notifications, and the subscription handshake before them. */
public final class SmartRecruiters {

    /** SmartRecruiters' notifications, answered 202 as it expects; no API connector. */
    /** The vendor's name in configuration and the registry. */
    public static final String NAME = "SMARTRECRUITERS";

    public static final VendorModule MODULE = VendorModule.builder(NAME)
            .webhooks(settings -> new VendorWebhooks(new SmartRecruitersSignature(settings.signedTimes(NAME)),
                    new SmartRecruitersEvents(), 202, ReplayGuard.NONE,
                    new HookSecretHandshake(SmartRecruitersSignature.SIGNATURE)))
            .build();

    private SmartRecruiters() {
    }
}
