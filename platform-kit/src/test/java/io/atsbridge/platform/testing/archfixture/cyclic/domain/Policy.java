package io.atsbridge.platform.testing.archfixture.cyclic.domain;

import io.atsbridge.platform.testing.archfixture.cyclic.config.PolicySettings;

/** Reads its settings from config, which in turn names this class: the cycle domain → config → domain. */
public final class Policy {

    private final PolicySettings settings;

    public Policy(PolicySettings settings) {
        this.settings = settings;
    }

    public int limit() {
        return settings.limit();
    }
}
