package io.atsbridge.adapter.engine.domain;

import io.atsbridge.platform.error.DomainException;
import io.atsbridge.platform.paging.PageRequest;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The operator's view of the events the engine gave up on, and the way to try them again once the
 * cause (a wrong credential, a missing mapping option, a vendor outage) is fixed. A replayed event
 * starts over with its attempts reset; what it already did stays done, because every step of the
 * loop is idempotent.
 */
@Singleton
public final class DeadLetters {

    private static final int PAGE_DEFAULT = 100;
    private static final int PAGE_MAX = 500;
    private static final Pattern EVENT_ID = Pattern.compile("[0-9a-f-]{36}");

    private final InboxQueue inbox;

    DeadLetters(InboxQueue inbox) {
        this.inbox = inbox;
    }

    /** One page of the tenant's dead letters, oldest first. */
    public PageRequest.Page<DeadLetter> list(String tenantId, @Nullable String connectionId, int pageSize, String pageToken) {
        PageRequest page = PageRequest.of(pageSize, pageToken, PAGE_DEFAULT, PAGE_MAX);
        String connection = connectionId == null || connectionId.isBlank() ? null : connectionId;
        List<DeadLetter> rows = inbox.deadLetters(tenantId, connection, page.afterNumber(0), page.size() + 1);
        return page.slice(rows, letter -> String.valueOf(letter.arrival()));
    }

    /**
     * Puts the dead letter back into the inbox.
     *
     * @param by who asked, recorded in the event's outcome
     */
    public void replay(String tenantId, String eventId, String by) {
        DomainException.checkArgument(EVENT_ID.matcher(eventId).matches(), "EVENT_ID_INVALID",
                "event_id: '%s' (expected: an inbox event id as ListDeadLetters returns it)", eventId);
        EventStatus status = inbox.status(tenantId, eventId).orElseThrow(() -> DomainException.notFound(
                "DEAD_LETTER_NOT_FOUND", "no inbox event %s in tenant %s", eventId, tenantId));
        if (status != EventStatus.FAILED || !inbox.replay(tenantId, eventId, "replay requested by " + by)) {
            throw DomainException.failedPrecondition("EVENT_NOT_FAILED",
                    "inbox event %s is %s, not FAILED; only dead letters can be replayed", eventId,
                    inbox.status(tenantId, eventId).map(Enum::name).orElse("gone"));
        }
    }
}
