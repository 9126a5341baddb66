package io.atsbridge.adapter.engine.domain;

import io.atsbridge.adapter.connections.domain.SecretCipher;
import io.atsbridge.adapter.connections.domain.Vendor;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where assessment partners and their assessments are kept, one row each whatever the ATS, with the ATS's protocol
 * as a column. Lookups by interview span every protocol, so a completion finds its assessment before knowing whose
 * it is. Implemented by the persistence package; {@link AssessmentPartners} holds the rules.
 */
public interface AssessmentPartnerStore {

    /**
     * A connection's stored settings for one protocol, keys sealed by the {@link SecretCipher}. toString never prints a key.
     *
     * @param callbackKey the sealed credential of the completion callback when it is not the partner key, or null
     * @param baseUrl     the ATS API the completion goes to when assessments name no URL, or null
     * @param tests       the tests offered, in configuration order
     */
    record Settings(String connectionId, Vendor protocol, String tenantId, byte[] partnerKey, @Nullable byte[] callbackKey,
                    @Nullable String baseUrl, List<AssessmentPartners.Test> tests) {
        public Settings {
            tests = List.copyOf(tests);
        }

        @Override
        public String toString() {
            return "Settings[" + protocol + " " + connectionId + ", tenant " + tenantId + ", " + tests.size() + " test(s)]";
        }
    }

    /** How recording an assessment went. */
    enum Recorded {
        /** It was stored. */
        NEW,
        /** The interview was recorded already (a retried order): the stored assessment is returned. */
        SAME_INTERVIEW,
        /** Another assessment of the application and test is in progress: it is returned, nothing was stored. */
        OTHER_IN_PROGRESS
    }

    /** What recording did, and the assessment it concerns (the new one, or the one found). */
    record Recording(Recorded outcome, PartnerAssessment assessment) {
    }

    /** Replaces the stored settings of a protocol with these (connections no longer declaring it lose theirs). */
    void replace(Vendor protocol, List<Settings> settings);

    /** The tenant's settings of the connection for the protocol, if it offers it. */
    Optional<Settings> settings(String tenantId, String connectionId, Vendor protocol);

    /**
     * Records a new assessment (status INVITED) unless its interview is recorded already or, when {@code activeKey}
     * is set, another assessment with that key is in progress, atomically.
     *
     * @param activeKey the key of one-in-progress (per application and test), or null when the protocol has no such rule
     */
    Recording record(PartnerAssessment assessment, @Nullable String activeKey, Instant now);

    /** The connection's assessment of this id, if any (any tenant: callers filter). */
    Optional<PartnerAssessment> find(String connectionId, String assessmentId);

    /** The connection's assessment of this AI vendor interview, whatever its protocol. */
    Optional<PartnerAssessment> findByInterview(String connectionId, String interviewId);

    /** The connection's assessment in progress with this key, if any. */
    Optional<PartnerAssessment> findInProgress(String connectionId, Vendor protocol, String activeKey);

    /** How many assessments of the application and test ended (completed or cancelled). */
    int countEnded(String tenantId, String connectionId, Vendor protocol, String applicationId, String testId);

    /**
     * Stores the result (status COMPLETE, no longer in progress) unless the assessment is CANCELLED.
     *
     * @return whether it was stored
     */
    boolean complete(String connectionId, String assessmentId, double score, @Nullable String profileUrl,
                     Map<String, String> metadata, Instant now);

    /** Marks the completion as taken by the ATS (unless CANCELLED meanwhile). */
    void notified(String connectionId, String assessmentId, Instant now);

    /**
     * Marks an INVITED or COMPLETE assessment CANCELLED (no longer in progress) and, in the same transaction and only
     * when this call changed it, calls {@code whenCancelled} with it as it was.
     *
     * @return the assessment after the change; empty when the connection has none of this id
     */
    Optional<PartnerAssessment> cancel(String connectionId, String assessmentId, Instant now,
                                       Consumer<PartnerAssessment> whenCancelled);
}
