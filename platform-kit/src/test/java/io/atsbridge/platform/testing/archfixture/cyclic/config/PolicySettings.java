package io.atsbridge.platform.testing.archfixture.cyclic.config;

import io.atsbridge.platform.testing.archfixture.cyclic.domain.Policy;

/** Settings that build the domain object they configure, closing the cycle config → domain → config. */
public record PolicySettings(int limit) {

    public Policy policy() {
        return new Policy(this);
    }
}
