package io.atsbridge.adapter.engine.sync;

import com.sun.net.httpserver.HttpServer;
import io.atsbridge.adapter.engine.domain.AuditEntry;
import io.atsbridge.connectors.MalformedPayloadException;
import io.atsbridge.connectors.VendorCallException;
import io.atsbridge.connectors.http.VendorHttp;
import io.atsbridge.platform.error.DomainException;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.grpc.Status;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Which failures are retried and which become dead letters at once, and with which reason: vendor failures as a
 * real vendor answer makes them (a local HTTP server answering each status), the rest as they are thrown.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailuresTest {

    private HttpServer vendor;
    private HttpClient client;
    private VendorHttp http;

    @BeforeAll
    void start() throws IOException {
        vendor = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // /status/503 answers 503, with Retry-After: 7 when asked for (?retry-after).
        vendor.createContext("/status/", exchange -> {
            int status = Integer.parseInt(exchange.getRequestURI().getPath().substring("/status/".length()));
            if ("retry-after".equals(exchange.getRequestURI().getQuery())) {
                exchange.getResponseHeaders().add("Retry-After", "7");
            }
            byte[] body = "{\"message\": \"the vendor's own words\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        vendor.start();
        // No repeats inside the client, no sleeping: each call is one answer.
        client = VendorHttp.standaloneClient(Duration.ofSeconds(5), Duration.ofSeconds(5));
        http = new VendorHttp(client, 0, Duration.ZERO, wait -> {
        });
    }

    @AfterAll
    void stop() {
        client.close();
        vendor.stop(0);
    }

    @Test
    void vendorServerErrorsTimeOutsAndNoAnswerAreTransient() throws IOException {
        for (int status : List.of(500, 502, 503, 504, 408)) {
            SyncFailure failure = Failures.classify("inviting", answer(status, ""));
            assertThat(failure).as("%s", status).isInstanceOf(TransientFailure.class);
            assertThat(failure.retryable()).isTrue();
            assertThat(failure.reason()).isEqualTo(FailureReason.RETRIES_EXHAUSTED);
            assertThat(failure.getMessage()).startsWith("inviting: Acme answered " + status + " to POST /status/" + status);
        }
        assertThat(Failures.classify("inviting", answer(503, "retry-after")).retryAfter()).contains(Duration.ofSeconds(7));

        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        VendorCallException unreachable = catchThrowableOfType(VendorCallException.class,
                () -> http.send("Acme", "POST /nowhere", post(URI.create("http://127.0.0.1:" + closed + "/nowhere"))));
        assertThat(unreachable.status()).isZero();
        assertThat(Failures.classify("inviting", unreachable)).isInstanceOf(TransientFailure.class);
    }

    @Test
    void aRateLimitTheClientGaveUpWaitingForIsDeferredNotCounted() {
        SyncFailure failure = Failures.classify("inviting", answer(429, "retry-after"));

        assertThat(failure).isInstanceOf(TransientFailure.class);
        assertThat(failure.deferred()).isTrue();
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(failure.endsCase(true)).as("a deferred call does not end the case, even on the last attempt").isFalse();
    }

    @Test
    void vendorRefusalsArePermanentWithTheirReason() {
        for (int status : List.of(400, 404, 409, 422)) {
            SyncFailure failure = Failures.classify("writing back", answer(status, ""));
            assertThat(failure).as("%s", status).isInstanceOf(PermanentFailure.class);
            assertThat(failure.retryable()).isFalse();
            assertThat(failure.reason()).isEqualTo(FailureReason.VENDOR_REFUSED);
            assertThat(failure.getMessage()).contains("Acme answered " + status, "the vendor's own words");
            assertThat(failure.endsCase(false)).isTrue();
        }
        for (int status : List.of(401, 403)) {
            assertThat(Failures.classify("writing back", answer(status, "")).reason()).as("%s", status)
                    .isEqualTo(FailureReason.VENDOR_ACCESS_REFUSED);
        }
    }

    @Test
    void malformedBodiesAndMissingConfigurationArePermanent() {
        SyncFailure malformed = Failures.classify("reading the body", new MalformedPayloadException("no interview_id"));
        assertThat(malformed).isInstanceOf(PermanentFailure.class);
        assertThat(malformed.reason()).isEqualTo(FailureReason.MALFORMED_PAYLOAD);
        assertThat(malformed.getMessage()).isEqualTo("reading the body: no interview_id");

        SyncFailure missing = Failures.classify("inviting", new MissingConfigurationException("no key for ai-acme"));
        assertThat(missing).isInstanceOf(PermanentFailure.class);
        assertThat(missing.reason()).isEqualTo(FailureReason.MISSING_CONFIGURATION);
    }

    @Test
    void peersRefusingTheRequestArePermanentAndPeersUnavailableAreTransient() {
        for (Status.Code code : List.of(Status.Code.INVALID_ARGUMENT, Status.Code.NOT_FOUND, Status.Code.ALREADY_EXISTS,
                Status.Code.FAILED_PRECONDITION, Status.Code.PERMISSION_DENIED, Status.Code.UNAUTHENTICATED,
                Status.Code.OUT_OF_RANGE, Status.Code.UNIMPLEMENTED)) {
            SyncFailure failure = Failures.classify("identity-service ResolveCandidate",
                    Status.fromCode(code).withDescription("refused").asRuntimeException());
            assertThat(failure).as("%s", code).isInstanceOf(PermanentFailure.class);
            assertThat(failure.reason()).isEqualTo(FailureReason.REQUEST_REFUSED);
            assertThat(failure.getMessage()).isEqualTo("identity-service ResolveCandidate failed with " + code + ": refused");
        }
        for (Status.Code code : List.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.RESOURCE_EXHAUSTED,
                Status.Code.ABORTED, Status.Code.INTERNAL, Status.Code.UNKNOWN)) {
            assertThat(Failures.classify("identity-service ResolveCandidate", Status.fromCode(code).asRuntimeException()))
                    .as("%s", code).isInstanceOf(TransientFailure.class);
        }
    }

    @Test
    void domainRefusalsArePermanentAndDomainUnavailabilityIsTransient() {
        assertThat(Failures.classify("step", DomainException.failedPrecondition("CONNECTION_DISABLED", "disabled")))
                .isInstanceOf(PermanentFailure.class)
                .satisfies(f -> assertThat(f.reason()).isEqualTo(FailureReason.REQUEST_REFUSED));
        assertThat(Failures.classify("step", DomainException.unavailable("ATS_UNAVAILABLE", "down")))
                .isInstanceOf(TransientFailure.class);
    }

    @Test
    void theDatabaseFailingIsTransient() {
        assertThat(Failures.classify("step", new DataAccessException("cannot update loop case: lock wait timeout")))
                .isInstanceOf(TransientFailure.class);
    }

    @Test
    void anythingElseIsADefectRetriedAndThenADeadLetterNamingItsType() {
        for (RuntimeException defect : List.of(new NullPointerException("plan"), new IllegalStateException("no writer"),
                new IllegalArgumentException("nameKey is blank"), new UnsupportedOperationException(),
                new ClassCastException("x"))) {
            SyncFailure failure = Failures.classify("writing back interview int_1 (case c-1)", defect);
            assertThat(failure).as("%s", defect).isInstanceOf(UnexpectedFailure.class);
            assertThat(failure.retryable()).as("not dead on first sight").isTrue();
            assertThat(failure.endsCase(false)).isFalse();
            assertThat(failure.endsCase(true)).as("not retried forever").isTrue();
            assertThat(failure.reason()).isEqualTo(FailureReason.UNEXPECTED);
            assertThat(((UnexpectedFailure) failure).exceptionType()).isEqualTo(defect.getClass().getName());
            assertThat(failure.getMessage()).startsWith("writing back interview int_1 (case c-1): " + defect.getClass().getName());
            assertThat(failure.getCause()).isSameAs(defect);
        }
    }

    @Test
    void aFailureAStepClassifiedItselfIsKept() {
        PermanentFailure known = new PermanentFailure(FailureReason.MISSING_DATA, "application 7 has no job");
        assertThat(Failures.classify("inviting", known)).isSameAs(known);
        TransientFailure busy = new TransientFailure("case c-1 is being written");
        assertThat(Failures.classify("inviting", busy)).isSameAs(busy);
    }

    @Test
    void auditRecordsTravelWithEveryKind() {
        AuditEntry entry = new AuditEntry("acme", "r-1", "t-1", "webhook.received", "", "gh-acme", Map.of(), new byte[0],
                Instant.parse("2025-01-01T00:00:00Z"));
        for (SyncFailure failure : List.of(new PermanentFailure(FailureReason.CASE_STATE, "unknown interview"),
                new TransientFailure("not yet"), Failures.classify("step", new NullPointerException()))) {
            SyncFailure audited = failure.withAudit(List.of(entry));
            assertThat(audited).isExactlyInstanceOf(failure.getClass());
            assertThat(audited.audit()).containsExactly(entry);
            assertThat(audited.getMessage()).isEqualTo(failure.getMessage());
            assertThat(audited.reason()).isEqualTo(failure.reason());
        }
    }

    @Test
    void aPermanentFailureHasAReasonKnownOnFirstSight() {
        assertThatThrownBy(() -> new PermanentFailure(FailureReason.UNEXPECTED, "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reason: UNEXPECTED");
        assertThatThrownBy(() -> new PermanentFailure(FailureReason.RETRIES_EXHAUSTED, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDeadLetterSaysWhatFailedAndEndsWithItsReason() {
        assertThat(InboxWorker.deadLetter(new PermanentFailure(FailureReason.VENDOR_REFUSED, "Greenhouse answered 422"), 1))
                .isEqualTo("Greenhouse answered 422 [reason: VENDOR_REFUSED]");
        assertThat(InboxWorker.deadLetter(new TransientFailure("identity-service failed with UNAVAILABLE"), 3))
                .isEqualTo("gave up after 3 attempts: identity-service failed with UNAVAILABLE [reason: RETRIES_EXHAUSTED]");
        assertThat(InboxWorker.deadLetter(Failures.classify("processing interview.completed", new NullPointerException("plan")), 5))
                .isEqualTo("gave up after 5 attempts: processing interview.completed: java.lang.NullPointerException: plan "
                        + "[reason: UNEXPECTED]");

        String cut = InboxWorker.deadLetter(new PermanentFailure(FailureReason.UNSUPPORTED, "x".repeat(5000)), 1);
        assertThat(cut).hasSize(io.atsbridge.adapter.engine.domain.InboxQueue.MAX_OUTCOME).endsWith("... [reason: UNSUPPORTED]");
    }

    private VendorCallException answer(int status, String query) {
        URI uri = URI.create("http://127.0.0.1:" + vendor.getAddress().getPort() + "/status/" + status
                + (query.isEmpty() ? "" : "?" + query));
        return catchThrowableOfType(VendorCallException.class, () -> http.send("Acme", "POST /status/" + status, post(uri)));
    }

    private static HttpRequest<?> post(URI uri) {
        return HttpRequest.create(HttpMethod.POST, uri.toString());
    }
}
