package io.atsbridge.connectors.partner;

import io.atsbridge.connectors.VendorCallException;
import io.atsbridge.connectors.aivendor.AiInterviewVendor;
import io.atsbridge.connectors.aivendor.InterviewResult;
import io.atsbridge.connectors.http.VendorHttp;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one ATS speaks to atsbridge as its assessment partner, where that differs between ATSs: which link to the
 * candidate's result it shows, what is stored with the result, how the ATS's status question is answered, and how
 * the ATS is told an assessment completed. The sync engine and the adapter's partner API are the same for every
 * ATS; each vendor package implements this for its own wire format, and its {@link io.atsbridge.connectors.VendorModule}
 * registers it, so the row of an assessment names its protocol by the vendor's name and nothing routes by strings
 * that must equal each other.
 *
 * <p>Implementations hold no state and are thread-safe.
 */
public interface AssessmentPartnerProtocol {

    /**
     * Where the completion is reported and with which credential.
     *
     * @param url        the ATS's URL: Greenhouse's completion URL from send_test, Ashby's API base URL
     * @param credential the key the ATS takes the callback with (Greenhouse: the partner key; Ashby: the customer's
     *                   API key); never part of a message
     */
    record Callback(String url, String credential) {
        public Callback {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(credential, "credential");
        }

        @Override
        public String toString() {
            return "Callback[" + url + "]";
        }
    }

    /**
     * A completed assessment to report.
     *
     * @param assessmentId the id the ATS knows the assessment by
     * @param result       the AI vendor's result
     * @param profileUrl   the link to the result, {@link #profileUrl(InterviewResult)} of the result
     * @param at           when atsbridge reports it
     */
    record Completion(String assessmentId, InterviewResult result, String profileUrl, Instant at) {
        public Completion {
            Objects.requireNonNull(assessmentId, "assessmentId");
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(profileUrl, "profileUrl");
            Objects.requireNonNull(at, "at");
        }
    }

    /** One test offered to the ATS; description says what it is, for ATSs that show one. */
    record OfferedTest(String id, String name, String description) {
    }

    /**
     * The candidate an order names; what the ATS does not send is empty. Personal data: never logged.
     *
     * @param atsCandidateId the candidate's id in the ATS, when it sends one (Ashby)
     * @param profileUrl     the candidate's page in the ATS
     */
    record OrderedCandidate(String firstName, String lastName, String preferredName, String email, String phoneNumber,
                            String resumeUrl, String atsCandidateId, String profileUrl) {
        @Override
        public String toString() {
            return "OrderedCandidate[…]";
        }
    }

    /**
     * An ATS's order of an assessment, as its request carried it; what the ATS does not send is empty.
     *
     * @param completionUrl where the completion is reported (ATSs whose orders name it, {@link #completionUrlPerOrder})
     * @param applicationId the ATS's application assessed (ATSs whose orders name one instead)
     */
    record Order(String testId, OrderedCandidate candidate, String completionUrl, String sentBy, String applicationId,
                 String jobId, String jobName) {
    }

    /** The ATS's answer to its request for the offered tests, as JSON. */
    byte[] testsAnswer(List<OfferedTest> tests);

    /**
     * The order in the ATS's request to start an assessment.
     *
     * @throws io.atsbridge.connectors.webhook.WebhookRejection with the status the ATS takes for an invalid request
     *                                                          when the body is not an order or lacks what one needs
     */
    Order order(@Nullable byte[] body);

    /**
     * The ATS's answer to an order that created (or, repeated, found) the assessment, as JSON.
     *
     * @param assessmentId the id the ATS knows the assessment by
     * @param interviewId  the AI vendor's interview
     */
    byte[] orderAnswer(String assessmentId, String interviewId);

    /** The vendor's name as in {@code atsbridge.common.v1.Vendor} without its prefix, e.g. {@code GREENHOUSE}. */
    String vendor();

    /** The ATS's name for messages people read, e.g. {@code Greenhouse}. */
    String displayName();

    /**
     * How the ATS orders an assessment: true when each order names the URL its completion is reported to (Greenhouse's
     * send_test {@code url}; the order is idempotent on it), false when the ATS names an application instead and the
     * completion goes to the connection's API (Ashby: one assessment in progress per application and test).
     */
    boolean completionUrlPerOrder();

    /**
     * How the AI vendor is asked for the interview of one order.
     *
     * @param idempotencyKey  the vendor's idempotency key: the same order always finds the same interview
     * @param candidateRef    the candidate's reference at the vendor
     * @param job             the job the interview is for
     * @param testMetadataKey the metadata key the test's id is sent under
     */
    record InterviewRequest(String idempotencyKey, String candidateRef, AiInterviewVendor.Job job, String testMetadataKey) {
    }

    /**
     * How the AI vendor is asked for the interview of an order. Each ATS keeps the keys, references and job ids it has
     * always sent (an order retried across an upgrade must find its interview).
     *
     * @param orderKey what identifies the order across retries, as hex: the adapter's hash of the connection and the
     *                 completion URL (ATSs whose orders name it), or of the application, test and how many of its
     *                 assessments ended (the others)
     * @param jobId    the ATS's job, empty when the order names none
     * @param jobName  the ATS's name of the job, empty when the order names none
     */
    InterviewRequest interviewRequest(String orderKey, String testId, String testName, String jobId, String jobName);

    /** The error reason and message of an order for a test the connection does not offer, as the ATS's callers know them. */
    TestNotFound testNotFound(String connectionId, String testId);

    /** The error an order for a test the connection does not offer is refused with. */
    record TestNotFound(String reason, String message) {
    }

    /** The link to the candidate's result the ATS shows with the assessment, or null when the result has none. */
    @Nullable
    String profileUrl(InterviewResult result);

    /** What is stored with the result and shown in the ATS, as flat labels and values, in display order. */
    Map<String, String> labels(InterviewResult result);

    /**
     * Why a result without a link cannot be reported to the ATS, and what to do: the dead letter's text.
     *
     * @param interviewId the AI vendor's interview
     */
    String missingProfileUrl(String interviewId);

    /**
     * The status the ATS's status question is answered with.
     *
     * @param profileUrl the stored link to the result, or null
     */
    String status(AssessmentState state, @Nullable String profileUrl);

    /**
     * Tells the ATS the assessment completed.
     *
     * @param http the client of the partner connection, governed by its request governor for this ATS
     * @throws VendorCallException when the ATS did not take it
     */
    void reportCompletion(VendorHttp http, Callback callback, Completion completion);
}
