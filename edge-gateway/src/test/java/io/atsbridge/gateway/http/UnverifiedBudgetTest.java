package io.atsbridge.gateway.http;

import io.atsbridge.gateway.config.GatewaySettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnverifiedBudgetTest {

    @Test
    void eachSourceAndEachConnectionHasItsOwnBudget() {
        UnverifiedBudget budget = new UnverifiedBudget(new GatewaySettings.RateLimit.Unverified(1, 3, 1, 2));
        assertThat(budget.charge("gh-acme", "203.0.113.1")).isEmpty();
        assertThat(budget.charge("gh-acme", "203.0.113.1")).isEmpty();
        assertThat(budget.sourceSpent("203.0.113.1")).hasValue(1L);
        assertThat(budget.charge("gh-acme", "203.0.113.1")).hasValue(1L);
        // Another address still has its budget, but the connection has spent its three.
        assertThat(budget.sourceSpent("203.0.113.2")).isEmpty();
        assertThat(budget.charge("gh-acme", "203.0.113.2")).hasValue(1L);
        // Another connection from a fresh address: both have room.
        assertThat(budget.charge("lv-acme", "203.0.113.3")).isEmpty();
        // An id that names no connection is charged to its source only.
        assertThat(budget.charge(null, "203.0.113.4")).isEmpty();
        assertThat(budget.charge(null, "203.0.113.4")).isEmpty();
        assertThat(budget.charge(null, "203.0.113.4")).hasValue(1L);
    }

    @Test
    void nonsenseSettingsFailAtStart() {
        assertThatThrownBy(() -> new UnverifiedBudget(new GatewaySettings.RateLimit.Unverified(0, 10, 1, 1)))
                .hasMessageContaining("unverified (per connection)").hasMessageContaining("requests-per-second 0");
        assertThatThrownBy(() -> new UnverifiedBudget(new GatewaySettings.RateLimit.Unverified(1, 1, 5, 2)))
                .hasMessageContaining("unverified (per source)").hasMessageContaining("burst 2");
    }
}
