package io.atsbridge.sandbox.greenhouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.sandbox.http.AuthorizationHeader;
import io.atsbridge.sandbox.http.SandboxJson;
import io.atsbridge.sandbox.http.SimulatorRecords;
import io.micronaut.core.annotation.Nullable;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Greenhouse's side of the Assessment Partner API (https://developers.greenhouse.io/assessment.html): Greenhouse
 * calls the partner's {@code list_tests}, {@code send_test} and {@code test_status} with HTTP Basic (the partner
 * key as user name, blank password), takes the partner's {@code PATCH} of the completion URL it gave in
 * send_test, then asks test_status, and reports every malformed answer to the partner's {@code response_error}.
 * The answers are checked as the docs describe them (assessment {@code _list_tests.md}, {@code _send_test.md},
 * {@code _test_status.md}): a {@code complete} status without {@code partner_profile_url}, a score that is not a
 * number or nested metadata is refused and reported, never recorded. Only active, unhired applications take a
 * completed result ({@code _test_status.md}). Thread-safe.
 */
public final class GreenhouseAssessments {

    /** Where the completion URLs live under the Greenhouse base path: Greenhouse's own path, on the sandbox. */
    public static final String COMPLETION_PATH = "/integrations/testing_partners/take_home_tests/";

    /** A take-home test sent to a candidate through the partner, and what Greenhouse knows of it. */
    public record TakeHomeTest(long id, long applicationId, String partnerTestId, String partnerTestName,
                               String partnerInterviewId, @Nullable String partnerStatus, @Nullable JsonNode partnerScore,
                               @Nullable String partnerProfileUrl, Map<String, JsonNode> metadata, int completionPatches) {
    }

    /** A report Greenhouse sent to the partner's response_error, and the partner's answer status. */
    public record ResponseError(String apiCall, List<String> errors, @Nullable String partnerInterviewId, int answerStatus) {
    }

    private final GreenhouseSimulator sim;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final ExecutorService callbacks = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "greenhouse-assessment-callbacks");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Long, TakeHomeTest> tests = new LinkedHashMap<>();
    private final List<ResponseError> responseErrors = new CopyOnWriteArrayList<>();
    @Nullable
    private volatile String partnerBaseUrl;
    @Nullable
    private volatile String partnerKey;
    @Nullable
    private volatile String completionBaseUrl;

    GreenhouseAssessments(GreenhouseSimulator sim) {
        this.sim = sim;
    }

    /**
     * Connects a partner, as a Greenhouse admin does with the partner's URLs and the customer's key.
     *
     * @param baseUrl the partner's endpoints are {@code <baseUrl>/list_tests}, {@code /send_test}, ...
     * @param key     the partner API key (shorter than 171 characters, as Greenhouse requires)
     */
    public void connectPartner(String baseUrl, String key) {
        if (key.isEmpty() || key.length() > 170) {
            throw new IllegalArgumentException("key: " + key.length() + " characters (expected: 1..170)");
        }
        this.partnerBaseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.partnerKey = key;
    }

    /**
     * Where completion URLs point: {@code <greenhouseBaseUrl>/integrations/testing_partners/take_home_tests/<id>}.
     * {@link io.atsbridge.sandbox.Sandbox} sets it once it knows its address.
     */
    public void serveCompletionsUnder(String greenhouseBaseUrl) {
        this.completionBaseUrl = greenhouseBaseUrl + COMPLETION_PATH;
    }

    /** The tests the partner offers ({@code GET list_tests}); a malformed answer is reported and throws. */
    public Map<String, String> listTests() {
        Answer answer = call("GET", "list_tests", null);
        List<String> errors = new ArrayList<>();
        Map<String, String> offered = new LinkedHashMap<>();
        if (answer.status() != 200 || answer.json() == null || !answer.json().isArray()) {
            errors.add("list_tests must answer 200 with a JSON array, got " + answer.status());
        } else {
            for (JsonNode test : answer.json()) {
                if (!test.path("partner_test_id").isTextual() || !test.path("partner_test_name").isTextual()) {
                    errors.add("each test needs partner_test_id and partner_test_name strings, got " + test);
                } else {
                    offered.put(test.path("partner_test_id").asText(), test.path("partner_test_name").asText());
                }
            }
        }
        refuse("list_tests", errors, null, null);
        return offered;
    }

    /**
     * Sends the candidate of an application the partner's test ({@code POST send_test}), with a completion URL on
     * this sandbox; a malformed answer is reported and throws.
     */
    public TakeHomeTest sendTest(long applicationId, String partnerTestId, String partnerTestName, String sentBy) {
        String completionBase = completionBaseUrl;
        if (completionBase == null) {
            throw new IllegalStateException("the sandbox has not told the simulator its address; start it with Sandbox.start");
        }
        ObjectNode body = SandboxJson.object();
        long testId;
        String email;
        synchronized (sim.lock) {
            ApplicationRecord application = sim.applications.get(applicationId);
            if (application == null) {
                throw new IllegalArgumentException("no application " + applicationId + " in the Greenhouse sandbox");
            }
            CandidateRecord candidate = SimulatorRecords.existing(sim.candidates, application.candidateId, "candidate");
            testId = sim.nextId();
            email = candidate.emailAddresses.isEmpty() ? "" : candidate.emailAddresses.get(0).value();
            body.put("partner_test_id", partnerTestId);
            ObjectNode c = body.putObject("candidate");
            c.put("first_name", candidate.firstName);
            c.put("last_name", candidate.lastName);
            c.putNull("preferred_name");
            c.put("resume_url", "https://prod-heroku.s3.amazonaws.com/sandbox/resume-" + candidate.id + ".pdf");
            c.put("phone_number", candidate.phoneNumbers.isEmpty() ? "" : candidate.phoneNumbers.get(0).value());
            c.put("email", email);
            c.put("greenhouse_profile_url", "https://app.greenhouse.io/people/" + candidate.id + "?application_id=" + applicationId);
            body.put("sent_by", sentBy);
            body.put("url", completionBase + testId);
        }
        Answer answer = call("POST", "send_test", body);
        JsonNode id = answer.json() == null ? null : answer.json().get("partner_interview_id");
        if (answer.status() != 200 || id == null || !(id.isTextual() || id.isIntegralNumber()) || id.asText().isBlank()) {
            refuse("send_test", List.of("send_test must answer 200 with a partner_interview_id, got " + answer.status()),
                    partnerTestId, null);
        }
        // Not null: refuse() threw otherwise.
        String interviewId = Objects.requireNonNull(id).asText();
        TakeHomeTest test = new TakeHomeTest(testId, applicationId, partnerTestId, partnerTestName, interviewId, null, null,
                null, Map.of(), 0);
        synchronized (sim.lock) {
            tests.put(testId, test);
        }
        return test;
    }

    /** The take-home test as Greenhouse knows it now. */
    public Optional<TakeHomeTest> test(long testId) {
        synchronized (sim.lock) {
            return Optional.ofNullable(tests.get(testId));
        }
    }

    /** Every test sent, oldest first. */
    public List<TakeHomeTest> tests() {
        synchronized (sim.lock) {
            return List.copyOf(tests.values());
        }
    }

    /** Every report sent to the partner's response_error, oldest first. */
    public List<ResponseError> responseErrors() {
        return List.copyOf(responseErrors);
    }

    /**
     * The partner's PATCH of a completion URL: 401 without the partner key, 404 for an unknown test, else 200 and
     * then (in the background, as Greenhouse does) a test_status request whose answer is checked and recorded.
     */
    int completed(String takeHomeTestId, @Nullable String authorization) {
        String key = partnerKey;
        if (key == null || !AuthorizationHeader.matches(AuthorizationHeader.basicUser(authorization), key)) {
            return 401;
        }
        long id;
        try {
            id = Long.parseLong(takeHomeTestId);
        } catch (NumberFormatException e) {
            return 404;
        }
        synchronized (sim.lock) {
            TakeHomeTest test = tests.get(id);
            if (test == null) {
                return 404;
            }
            tests.put(id, with(test, test.partnerStatus(), test.partnerScore(), test.partnerProfileUrl(), test.metadata(),
                    test.completionPatches() + 1));
        }
        callbacks.execute(() -> askStatus(id));
        return 200;
    }

    /** GET test_status for the test, checked as _test_status.md documents it; malformed answers go to response_error. */
    void askStatus(long testId) {
        TakeHomeTest test = test(testId).orElseThrow();
        Answer answer = call("GET", "test_status?partner_interview_id="
                + URLEncoder.encode(test.partnerInterviewId(), StandardCharsets.UTF_8), null);
        JsonNode json = answer.json();
        List<String> errors = new ArrayList<>();
        if (answer.status() != 200 || json == null || !json.isObject()) {
            errors.add("test_status must answer 200 with a JSON object, got " + answer.status());
        } else {
            JsonNode status = json.get("partner_status");
            if (status == null || !status.isTextual() || status.asText().isBlank()) {
                errors.add("partner_status is missing");
            } else if (status.asText().equals("complete")) {
                JsonNode url = json.get("partner_profile_url");
                if (url == null || !url.isTextual() || url.asText().isBlank()) {
                    // Greenhouse's own wording, from the response_error example.
                    errors.add("partner_status is 'complete' but partner_profile url is missing");
                }
            }
            JsonNode score = json.get("partner_score");
            if (score != null && !score.isNull() && !score.isNumber()) {
                errors.add("partner_score must be a number, got " + score);
            }
            JsonNode metadata = json.get("metadata");
            if (metadata != null && !metadata.isNull()) {
                if (!metadata.isObject()) {
                    errors.add("metadata must be an object, got " + metadata.getNodeType());
                } else {
                    metadata.fields().forEachRemaining(e -> {
                        if (e.getValue().isContainerNode()) {
                            errors.add("metadata." + e.getKey() + " must be a JavaScript primitive, not nested");
                        }
                    });
                }
            }
        }
        if (!errors.isEmpty()) {
            report("test_status", errors, test.partnerTestId(), test.partnerTestName(), test.partnerInterviewId(),
                    candidateEmail(test.applicationId()));
            return;
        }
        // Not null: a missing body was an error, reported above.
        JsonNode answered = Objects.requireNonNull(json);
        Map<String, JsonNode> metadata = new LinkedHashMap<>();
        if (answered.path("metadata").isObject()) {
            answered.path("metadata").fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue()));
        }
        synchronized (sim.lock) {
            ApplicationRecord application = sim.applications.get(test.applicationId());
            if (application == null || !"active".equals(application.status)) {
                // "Active, unhired candidates will show the completed test status."
                return;
            }
            TakeHomeTest now = SimulatorRecords.existing(tests, testId, "take-home test");
            tests.put(testId, with(now, answered.path("partner_status").asText(), answered.get("partner_score"),
                    answered.path("partner_profile_url").isTextual() ? answered.path("partner_profile_url").asText() : null,
                    metadata, now.completionPatches()));
        }
    }

    private void refuse(String apiCall, List<String> errors, @Nullable String partnerTestId, @Nullable String partnerInterviewId) {
        if (errors.isEmpty()) {
            return;
        }
        report(apiCall, errors, partnerTestId, null, partnerInterviewId, null);
        throw new IllegalStateException("the partner's " + apiCall + " answer is malformed: " + errors);
    }

    /** POST response_error with as much as Greenhouse knows (_response_error.md). */
    private void report(String apiCall, List<String> errors, @Nullable String partnerTestId, @Nullable String partnerTestName,
                        @Nullable String partnerInterviewId, @Nullable String candidateEmail) {
        ObjectNode body = SandboxJson.object();
        body.put("api_call", apiCall);
        ArrayNode list = body.putArray("errors");
        errors.forEach(list::add);
        if (partnerTestId != null) {
            body.put("partner_test_id", partnerTestId);
        }
        if (partnerTestName != null) {
            body.put("partner_test_name", partnerTestName);
        }
        if (partnerInterviewId != null) {
            body.put("partner_interview_id", partnerInterviewId);
        }
        if (candidateEmail != null) {
            body.put("candidate_email", candidateEmail);
        }
        Answer answer = call("POST", "response_error", body);
        responseErrors.add(new ResponseError(apiCall, List.copyOf(errors), partnerInterviewId, answer.status()));
    }

    @Nullable
    private String candidateEmail(long applicationId) {
        synchronized (sim.lock) {
            ApplicationRecord application = sim.applications.get(applicationId);
            CandidateRecord candidate = application == null ? null : sim.candidates.get(application.candidateId);
            return candidate == null || candidate.emailAddresses.isEmpty() ? null : candidate.emailAddresses.get(0).value();
        }
    }

    private static TakeHomeTest with(TakeHomeTest t, @Nullable String status, @Nullable JsonNode score, @Nullable String url,
                                     Map<String, JsonNode> metadata, int patches) {
        return new TakeHomeTest(t.id(), t.applicationId(), t.partnerTestId(), t.partnerTestName(), t.partnerInterviewId(),
                status, score, url, Map.copyOf(metadata), patches);
    }

    /** A partner's answer: status (0 when none came), parsed JSON body or null. */
    private record Answer(int status, @Nullable JsonNode json) {
    }

    private Answer call(String method, String endpoint, @Nullable JsonNode body) {
        String base = partnerBaseUrl;
        String key = partnerKey;
        if (base == null || key == null) {
            throw new IllegalStateException("no assessment partner connected; call connectPartner first");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/" + endpoint))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8)));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(SandboxJson.bytes(body)));
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json;
            try {
                json = response.body().isBlank() ? null : SandboxJson.parse(response.body());
            } catch (SandboxJson.MalformedJsonException notJson) {
                json = null;
            }
            return new Answer(response.statusCode(), json);
        } catch (IOException e) {
            return new Answer(0, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, null);
        }
    }
}
