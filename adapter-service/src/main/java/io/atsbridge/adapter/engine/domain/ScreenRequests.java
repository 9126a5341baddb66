package io.atsbridge.adapter.engine.domain;

import io.atsbridge.adapter.connections.domain.Connection;
import io.atsbridge.adapter.connections.domain.ConnectionDirectory;
import io.atsbridge.adapter.connections.domain.ConnectionKind;
import io.atsbridge.platform.error.DomainException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Explicit requests for an AI screen (the gRPC API's {@code StartScreen}, and so the CLI and console): checked now,
 * then put into the inbox as a {@link ScreenRequest} event, so that they are processed in order with the ATS's own
 * events of the application and retried like them. The outcome (invited, blocked, failed, already screened) is in the
 * audit log and, for endings, on the ATS record.
 */
@Singleton
public final class ScreenRequests {

    static final int MAX_APPLICATION_ID = 200;
    static final int MAX_REASON = 500;
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private final ConnectionDirectory directory;
    private final Inbox inbox;
    private final LoopStore cases;
    private final Clock clock;

    ScreenRequests(ConnectionDirectory directory, Inbox inbox, LoopStore cases, Clock clock) {
        this.directory = directory;
        this.inbox = inbox;
        this.cases = cases;
        this.clock = clock;
    }

    /**
     * Asks for a screen of an application.
     *
     * @param requestId the caller's idempotency key, or empty for none
     * @return the inbox receipt: the event that will start the screen (a duplicate when the request id was used before)
     * @throws DomainException INVALID_ARGUMENT for a missing or malformed argument (a re-screen without a reason);
     *                         NOT_FOUND when the tenant has no such connection; FAILED_PRECONDITION when it is not an
     *                         enabled ATS connection that runs the loop (CONNECTION_NOT_SYNCING), or the application was
     *                         screened already and no re-screen was asked for (ALREADY_SCREENED)
     */
    public InboxReceipt request(String tenantId, String connectionId, String applicationId, boolean reScreen, String reason,
                                String requestedBy, String requestId) {
        String application = applicationId.strip();
        DomainException.checkArgument(!application.isEmpty() && application.length() <= MAX_APPLICATION_ID
                        && application.chars().noneMatch(Character::isISOControl), "APPLICATION_ID_INVALID",
                "application_external_id: %s characters (expected: the ATS's application id, 1..%s characters)",
                application.length(), MAX_APPLICATION_ID);
        String why = reason.strip();
        DomainException.checkArgument(why.length() <= MAX_REASON, "REASON_INVALID",
                "reason: %s characters (expected: at most %s)", why.length(), MAX_REASON);
        DomainException.checkArgument(!reScreen || !why.isEmpty(), "REASON_MISSING",
                "re_screen is set without a reason (expected: why the candidate is screened again, e.g. \"the first "
                        + "interview was cut off by a vendor outage\"; it is audited with who asked)");
        DomainException.checkArgument(requestId.isEmpty() || REQUEST_ID.matcher(requestId).matches(), "REQUEST_ID_INVALID",
                "request_id: %s characters (expected: 1..100 letters, digits, '.', '_', ':' or '-', or empty)",
                requestId.length());
        Connection connection = directory.get(tenantId, connectionId);
        if (connection.kind() != ConnectionKind.ATS || connection.sync() == null || !connection.enabled()) {
            throw DomainException.failedPrecondition("CONNECTION_NOT_SYNCING", "connection %s is %s: screens start only on "
                            + "enabled ATS connections that run the loop (set atsbridge.connections.%s.trigger-stage)",
                    connectionId, connection.kind() != ConnectionKind.ATS ? "not an ATS connection"
                            : connection.enabled() ? "not running the loop (no trigger-stage)" : "disabled", connectionId);
        }
        String key = requestId.isEmpty() ? UUID.randomUUID().toString() : requestId;
        String deliveryKey = "screen-request:" + key;
        Optional<String> asked = requestId.isEmpty() ? Optional.empty() : inbox.find(connection.id(), deliveryKey);
        if (asked.isPresent()) {
            // The same request again (a caller's retry): the event it stored, nothing new.
            return new InboxReceipt(connection.id(), deliveryKey, asked.get(), true);
        }
        if (!reScreen) {
            Optional<LoopCase> earlier = cases.findByApplicationExternalId(connection.id(), application);
            if (earlier.isPresent() && !(earlier.get().interviewId() == null
                    && LoopTransitions.accepts(earlier.get().status(), LoopTransitions.Event.RESTART))) {
                throw DomainException.failedPrecondition("ALREADY_SCREENED", "application %s of connection %s was "
                                + "screened already (case %s, %s); set re_screen with a reason to screen the candidate again",
                        application, connection.id(), earlier.get().id(), earlier.get().status());
            }
        }
        ScreenRequest request = new ScreenRequest(application, reScreen, why, requestedBy, key);
        InboxEvent event = new InboxEvent(tenantId, connection.id(), connection.vendor(), EventType.STAGE_CHANGED,
                ScreenRequest.TYPE, List.of(new EventRef(connection.id(), connection.vendor().name(), "APPLICATION", application)),
                null, deliveryKey, request.body(), "application/json",
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        return inbox.append(List.of(event)).get(0);
    }
}
