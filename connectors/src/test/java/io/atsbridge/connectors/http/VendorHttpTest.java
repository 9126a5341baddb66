package io.atsbridge.connectors.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the vendor HTTP client reads from answers. */
class VendorHttpTest {

    @Test
    void retryAfterIsReadAsSecondsOrHttpDate() {
        assertThat(VendorHttp.parseRetryAfter("7")).contains(java.time.Duration.ofSeconds(7));
        assertThat(VendorHttp.parseRetryAfter("-3")).contains(java.time.Duration.ZERO);
        assertThat(VendorHttp.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).contains(java.time.Duration.ZERO);
        assertThat(VendorHttp.parseRetryAfter("soon")).isEmpty();
    }
}
