package io.atsbridge.connectors;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One ATS account as the sync engine reads and writes it, whatever the vendor: Greenhouse Harvest (v3,
 * or v1 for accounts not yet migrated), Lever or Ashby. Made per use by {@link Connectors} for one
 * connection, with its credentials, the user writes are attributed to and the connection's request
 * governor (rate limit and circuit breaker). Every method makes real API calls and throws
 * {@link VendorCallException} when the vendor refuses or cannot be reached (retryable or permanent);
 * vendors that answer errors with 200 (Ashby's {@code success:false}) are turned into the same exceptions.
 *
 * <p>Writes can be repeated: fields are set, tags are added only when missing, stage moves are guarded by
 * the stage the application is in. Notes are only ever added, never edited.
 */
public interface AtsConnector {

    /** What this connector can write (mapping-service drops what it cannot). */
    ConnectorCapabilities capabilities();

    /**
     * The application and the stage it is in now, from a stage-change or new-application webhook body,
     * completed from the API where the vendor's body is thin (Lever sends ids only).
     *
     * @throws MalformedPayloadException when the body is not such a webhook
     */
    AtsStageEvent stageEvent(byte[] webhookBody);

    /**
     * The two candidate records a merge webhook names (Ashby's candidateMerge): the record the ATS kept and the one
     * it merged into it and deleted. Empty for an ATS whose merges this connector does not read.
     *
     * @throws MalformedPayloadException when the body is a merge webhook without both ids
     */
    default Optional<CandidateMerge> candidateMerge(byte[] webhookBody) {
        return Optional.empty();
    }

    /**
     * A merge of two candidate records in the ATS.
     *
     * @param survivingCandidateId the record the ATS kept (Ashby {@code data.mergedCandidate.id})
     * @param mergedCandidateId    the record merged into it and deleted (Ashby {@code data.deletedCandidate.id})
     */
    record CandidateMerge(String survivingCandidateId, String mergedCandidateId) {
    }

    /** The application (Lever: opportunity). */
    AtsApplication getApplication(String applicationId);

    /** The candidate (Lever: the opportunity's contact, with the opportunity's tags). */
    AtsCandidate getCandidate(String candidateId);

    /** The job (Lever: posting) with the stages of its plan. */
    AtsJob job(String jobId);

    /**
     * The custom fields the ATS defines on candidates and applications, active or not. Empty for an ATS
     * with no custom fields this connector writes (Lever).
     */
    List<CustomFieldDefinition> customFieldDefinitions();

    /**
     * The access {@link #customFieldDefinitions()} needs, named as an admin of the ATS grants it, for the message
     * when the vendor refuses the read (401, 403).
     */
    default String customFieldReadAccess() {
        return "read access to custom field definitions";
    }

    /**
     * Sets the candidate's custom fields and adds each tag the candidate does not carry yet (compared
     * ignoring case); makes no call when there is nothing to change.
     *
     * @param current     the candidate as just read (its tags decide what is new)
     * @param application the application the write is for (Lever keeps tags on the opportunity)
     * @throws UnsupportedOperationException when fields are given and the ATS has no candidate custom fields
     */
    void updateCandidate(AtsCandidate current, AtsApplication application, List<CustomFieldWrite> fields, List<String> addTags);

    /**
     * Sets the application's custom fields; makes no call when {@code fields} is empty.
     *
     * @throws UnsupportedOperationException when fields are given and the ATS has no application custom fields
     */
    void updateApplication(AtsApplication current, List<CustomFieldWrite> fields);

    /** The notes on the record notes of this application go to (Greenhouse and Ashby: the candidate; Lever: the opportunity). */
    List<AtsNote> notes(AtsApplication application);

    /** Adds a note, attributed to the connection's user, with the nearest visibility the ATS offers. */
    AtsNote addNote(AtsApplication application, String body, NoteVisibility visibility);

    /**
     * Moves the application to another stage of its job, guarded by the stage it is in as read
     * ({@code application.currentStageId()}): when someone moved it meanwhile the ATS refuses (permanent).
     */
    void moveStage(AtsApplication application, String toStageId);

    /**
     * The reasons the ATS takes for archiving an application, id to name (Lever: {@code GET /archive_reasons}).
     *
     * @throws UnsupportedOperationException when the connector does not archive ({@link ConnectorCapabilities#archive()})
     */
    default Map<String, String> archiveReasons() {
        throw notArchiving();
    }

    /**
     * Archives the application with one of {@link #archiveReasons()}. The sync engine never calls this on its own:
     * archiving is how Lever rejects, and atsbridge never rejects anyone; it carries out a person's decision.
     *
     * @throws UnsupportedOperationException when the connector does not archive
     */
    default void archive(AtsApplication application, String reasonId) {
        throw notArchiving();
    }

    /**
     * Restores an archived application to active; nothing when it is not archived.
     *
     * @throws UnsupportedOperationException when the connector does not archive
     */
    default void restore(AtsApplication application) {
        throw notArchiving();
    }

    private UnsupportedOperationException notArchiving() {
        return new UnsupportedOperationException(capabilities().vendor() + " " + capabilities().apiVersion()
                + " connector does not archive applications");
    }

    /**
     * One page of the open (active) applications, for backfill. A full pass starts with no cursor, no
     * {@code updatedSince} and no {@code syncToken}; an incremental pass gives {@code updatedSince} (the
     * start of the previous pass) and, for vendors that sync by token (Ashby), the previous pass's
     * {@link AtsPage#syncToken()} instead.
     *
     * @param cursor       the {@link AtsPage#nextCursor()} of the previous page; null for the first
     * @param updatedSince only applications changed at or after this instant; null for all
     * @param syncToken    the previous pass's sync token (vendors with token-based incremental sync); else null
     * @param pageSize     how many per page (the connector caps it at the vendor's maximum)
     */
    AtsPage listApplications(@Nullable String cursor, @Nullable Instant updatedSince, @Nullable String syncToken,
                             int pageSize);

    /**
     * Attaches a file to the application (Greenhouse: {@code POST .../applications/{id}/attachments}).
     *
     * @throws UnsupportedOperationException when the ATS takes no attachments through this connector
     */
    default void addAttachment(AtsApplication application, Attachment attachment) {
        throw new UnsupportedOperationException(capabilities().vendor() + " " + capabilities().apiVersion()
                + " connector takes no attachments");
    }

    /**
     * A file to attach: by URL (the ATS fetches it) or by content.
     *
     * @param type        the ATS's attachment type, e.g. Greenhouse {@code other}, {@code take_home_test}
     * @param contentType the MIME type; required with content
     */
    record Attachment(String filename, String type, @Nullable String url, @Nullable byte[] content,
                      @Nullable String contentType) {
    }

    /** Note visibility as atsbridge asks for it; each connector maps it to the ATS's own. */
    enum NoteVisibility {
        /** Seen by administrators only (Greenhouse admin_only; Lever and Ashby: private/secret). */
        RESTRICTED,
        /** Seen by the hiring team, not everyone (Greenhouse private; Lever secret; Ashby private). */
        PRIVATE,
        /** Seen by everyone who can see the candidate. */
        PUBLIC
    }

    /**
     * A page of applications.
     *
     * @param nextCursor the cursor of the next page; null on the last page
     * @param syncToken  on the last page of vendors with token-based incremental sync (Ashby), the token the
     *                   next incremental pass starts from; else null
     */
    record AtsPage(List<AtsApplication> applications, @Nullable String nextCursor, @Nullable String syncToken) {
        public AtsPage {
            applications = List.copyOf(applications);
        }
    }
}
