package io.atsbridge.connectors.aivendor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.connectors.MalformedPayloadException;
import io.atsbridge.connectors.VendorCallException;
import io.atsbridge.connectors.VendorJson;
import io.atsbridge.connectors.http.VendorHttp;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * An AI interview vendor's API: invite a candidate to an interview, and cancel an interview that is no longer
 * wanted. Bearer authentication with the connection's API key. Creation is idempotent on {@code Idempotency-Key}:
 * the same key returns the interview created first and never a second one, so a retried invitation is safe.
 * Cancellation is idempotent by itself: cancelling a cancelled interview answers it unchanged.
 */
public final class AiInterviewVendor {

    static final String VENDOR = "AI vendor";

    /** The person invited. Personal data: sent to the vendor, never logged. */
    public record Candidate(String externalId, String firstName, String lastName, String email) {

        @Override
        public String toString() {
            return "Candidate[" + externalId + "]";
        }
    }

    /** The job the interview is for. */
    public record Job(String externalId, String title) {
    }

    /**
     * The vendor's interview.
     *
     * @param created true when this call created it, false when the idempotency key returned an earlier one
     */
    public record Invitation(String interviewId, String status, String invitationUrl, boolean created) {
    }

    /** What a cancellation found at the vendor. */
    public enum Cancellation {
        /** The interview is cancelled (now, or by an earlier call): it will not complete and reports no result. */
        CANCELLED,
        /** The interview had already completed (HTTP 409): it cannot be cancelled and its result stands at the vendor. */
        ALREADY_COMPLETED
    }

    private final String baseUrl;
    private final String authorization;
    private final VendorHttp http;
    private final String vendorName;

    /**
     * @param baseUrl    the vendor API's base URL; {@code /v1/interviews} is appended
     * @param apiKey     the API key, sent as a Bearer token
     * @param vendorName the connection's name for messages
     */
    public AiInterviewVendor(String baseUrl, String apiKey, VendorHttp http, String vendorName) {
        this.baseUrl = VendorHttp.withoutTrailingSlash(baseUrl);
        this.authorization = "Bearer " + apiKey;
        this.http = Objects.requireNonNull(http, "http");
        this.vendorName = vendorName;
    }

    public AiInterviewVendor(String baseUrl, String apiKey, VendorHttp http) {
        this(baseUrl, apiKey, http, VENDOR);
    }

    /**
     * {@code POST /v1/interviews}.
     *
     * @param interviewKitId the vendor's interview kit
     * @param metadata       string pairs the vendor returns with the result (ids only)
     * @param idempotencyKey the same key for every attempt of one invitation
     */
    public Invitation createInterview(Candidate candidate, Job job, String interviewKitId, Map<String, String> metadata,
                                      String idempotencyKey) {
        ObjectNode body = VendorJson.object();
        body.putObject("candidate")
                .put("external_id", candidate.externalId())
                .put("first_name", candidate.firstName())
                .put("last_name", candidate.lastName())
                .put("email", candidate.email());
        body.putObject("job").put("external_id", job.externalId()).put("title", job.title());
        body.putObject("interview_kit").put("id", interviewKitId);
        ObjectNode meta = body.putObject("metadata");
        metadata.forEach(meta::put);
        String path = "/v1/interviews";
        HttpRequest<byte[]> request = HttpRequest.POST(URI.create(baseUrl + path), VendorJson.write(body))
                .header("Authorization", authorization)
                .header("Idempotency-Key", idempotencyKey)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
        VendorHttp.Response response = http.send(vendorName, "POST " + path, request);
        JsonNode node = response.json(vendorName + " answer to POST " + path);
        String id = VendorJson.id(node.path("id"));
        if (id.isEmpty()) {
            throw new MalformedPayloadException(vendorName + " answered POST " + path + " without an interview id");
        }
        return new Invitation(id, VendorJson.text(node.path("status")), VendorJson.text(node.path("invitation_url")),
                response.status() == 201);
    }

    /**
     * {@code POST /v1/interviews/{id}/cancel}: the candidate is no longer invited and the interview never completes.
     * The vendor's 409 (the interview already completed) is an answer, not a failure.
     *
     * @return CANCELLED, or ALREADY_COMPLETED when the vendor answered 409
     * @throws VendorCallException retryable for 5xx, 408, time-outs and network errors; permanent for other
     *                             refusals (404 for an interview the vendor does not know, 401 for a wrong key)
     */
    public Cancellation cancelInterview(String interviewId) {
        if (interviewId.isBlank()) {
            throw new IllegalArgumentException("interviewId: blank (expected: the vendor's interview id)");
        }
        String path = "/v1/interviews/" + URLEncoder.encode(interviewId, StandardCharsets.UTF_8).replace("+", "%20")
                + "/cancel";
        HttpRequest<?> request = HttpRequest.create(HttpMethod.POST, baseUrl + path)
                .header("Authorization", authorization)
                .header("Accept", "application/json");
        VendorHttp.Response response;
        try {
            response = http.send(vendorName, "POST " + path, request);
        } catch (VendorCallException e) {
            if (e.status() == 409) {
                return Cancellation.ALREADY_COMPLETED;
            }
            throw e;
        }
        String status = VendorJson.text(response.json(vendorName + " answer to POST " + path).path("status"));
        if (!"cancelled".equals(status)) {
            throw new MalformedPayloadException(vendorName + " answered POST " + path + " with status '" + status
                    + "' (expected: cancelled)");
        }
        return Cancellation.CANCELLED;
    }
}
