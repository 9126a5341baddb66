package io.atsbridge.connectors.greenhouse;

import io.atsbridge.connectors.VendorCallException;
import io.atsbridge.connectors.http.VendorHttp;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;

import java.net.URI;
import java.util.Objects;

/**
 * Tells Greenhouse an assessment is complete: {@code PATCH} the {@code url} from send_test, HTTP Basic
 * with the partner key as user name and a blank password, no body. Greenhouse then calls test_status. Called through
 * {@link GreenhouseAssessmentPartner}, the protocol the module registers.
 */
final class GreenhouseAssessmentCallback {

    static final String VENDOR = "Greenhouse (assessment partner)";

    private final VendorHttp http;

    GreenhouseAssessmentCallback(VendorHttp http) {
        this.http = Objects.requireNonNull(http, "http");
    }

    /**
     * @throws VendorCallException when Greenhouse did not answer 2xx (5xx, 408, 429 and network errors retryable)
     */
    void complete(String completionUrl, String partnerKey) {
        HttpRequest<?> request = HttpRequest.create(HttpMethod.PATCH, completionUrl)
                .header("Authorization", VendorHttp.basicAuthorization(partnerKey));
        // The URL is Greenhouse's take-home test id, not a secret; the key is never part of the message.
        http.send(VENDOR, "PATCH " + URI.create(completionUrl).getPath(), request);
    }
}
