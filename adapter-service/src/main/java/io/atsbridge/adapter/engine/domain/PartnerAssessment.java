package io.atsbridge.adapter.engine.domain;

import io.atsbridge.adapter.connections.domain.Vendor;
import io.micronaut.core.annotation.Nullable;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One assessment an ATS ordered from an AI_VENDOR connection as its assessment partner; the result fields are null
 * until complete.
 *
 * @param assessmentId  the id the ATS knows it by (Greenhouse: the interview id; Ashby: atsbridge's UUID)
 * @param protocol      the ATS whose partner protocol it was ordered through; its completion is reported that way
 * @param testId        the test (assessment type) ordered: an AI vendor interview kit
 * @param applicationId the ATS's application it assesses, when the ATS names one (one in progress per application
 *                      and test); null otherwise
 * @param completionUrl where the completion is reported when the ATS named it with the order (Greenhouse); null
 *                      when the connection's base URL is used
 */
public record PartnerAssessment(String connectionId, String assessmentId, Vendor protocol, String tenantId, String testId,
                                @Nullable String applicationId, String interviewId, @Nullable String completionUrl,
                                Status status, @Nullable Double score, @Nullable String profileUrl,
                                Map<String, String> metadata) {

    /** Where an assessment stands. */
    public enum Status {
        /** The interview was created; no result yet. The assessment is in progress. */
        INVITED,
        /** The result is stored; the ATS is still to be told. */
        COMPLETE,
        /** The result is stored and the ATS took the completion. */
        NOTIFIED,
        /**
         * The ATS cancelled the assessment; no result is reported. Unless it was reported already, its interview is
         * cancelled at the AI vendor by the inbox worker.
         */
        CANCELLED
    }

    public PartnerAssessment {
        // Display order is kept: the labels are shown in the order the protocol gives them.
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    @Override
    public String toString() {
        return "PartnerAssessment[" + protocol + " " + connectionId + "/" + assessmentId + ", interview " + interviewId
                + ", " + status + "]";
    }
}
