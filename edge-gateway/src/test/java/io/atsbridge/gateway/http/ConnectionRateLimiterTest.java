package io.atsbridge.gateway.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionRateLimiterTest {

    @Test
    void burstPassesThenTheConnectionWaitsWhileOthersGoOn() {
        ConnectionRateLimiter limiter = new ConnectionRateLimiter(1, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("gh-acme")).as("request " + i).isEmpty();
        }
        assertThat(limiter.tryAcquire("gh-acme")).hasValue(1L);
        assertThat(limiter.tryAcquire("lv-acme")).isEmpty();
    }

    @Test
    void nonsenseSettingsFailAtStart() {
        assertThatThrownBy(() -> new ConnectionRateLimiter(0, 10)).hasMessageContaining("requests-per-second 0");
        assertThatThrownBy(() -> new ConnectionRateLimiter(10, 5)).hasMessageContaining("burst 5");
    }
}
