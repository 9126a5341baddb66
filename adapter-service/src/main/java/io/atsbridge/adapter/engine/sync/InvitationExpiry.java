package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.engine.domain.AuditEntry;
import io.atsbridge.adapter.engine.domain.LoopCase;
import io.atsbridge.adapter.engine.domain.LoopEnding;
import io.atsbridge.adapter.engine.domain.LoopStore;
import io.atsbridge.adapter.engine.domain.LoopTransitions.Event;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.event.ApplicationStartupEvent;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Ends the invitations that stood too long ({@code atsbridge.adapter.worker.invitation-expiry}, 7 days) without a
 * completion: the case becomes EXPIRED, the recruiter is told on the ATS record and the audit log says when. Checked
 * every {@code expiry-check}; each case moves by a guarded update, so replicas checking at once expire it once. A
 * result that still comes in afterwards is written.
 */
@Singleton
final class InvitationExpiry implements ApplicationEventListener<ApplicationStartupEvent> {

    static final String INTERVIEW_EXPIRED = "interview.expired";
    private static final Logger LOG = LoggerFactory.getLogger(InvitationExpiry.class);
    private static final int BATCH = 100;

    private final LoopStore cases;
    private final EndingNotices notices;
    private final WorkerSettings settings;
    private final TaskScheduler scheduler;
    private final Clock clock;

    InvitationExpiry(LoopStore cases, EndingNotices notices, WorkerSettings settings,
                     @Named("scheduled") TaskScheduler scheduler, Clock clock) {
        this.cases = cases;
        this.notices = notices;
        this.settings = settings;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public void onApplicationEvent(ApplicationStartupEvent event) {
        if (settings.enabled()) {
            scheduler.scheduleWithFixedDelay(settings.expiryCheck(), settings.expiryCheck(), this::checkSafely);
        }
    }

    private void checkSafely() {
        try {
            expireDue();
        } catch (RuntimeException e) {
            LOG.warn("checking invitations for expiry failed; trying again in {}: {}", settings.expiryCheck(), e.toString());
        }
    }

    /** Expires every invitation that stood too long; how many it expired. */
    int expireDue() {
        int expired = 0;
        while (true) {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            List<LoopCase> due = cases.invitedBefore(now.minus(settings.invitationExpiry()), BATCH);
            int before = expired;
            for (LoopCase loopCase : due) {
                if (expire(loopCase, now)) {
                    expired++;
                }
            }
            if (due.size() < BATCH || expired == before) {
                return expired;
            }
        }
    }

    private boolean expire(LoopCase loopCase, Instant now) {
        String detail = "no interview completed within " + settings.invitationExpiry() + " of the invitation at "
                + loopCase.inviteTime();
        AuditEntry record = new AuditEntry(loopCase.tenantId(), LoopIds.sha256Hex(INTERVIEW_EXPIRED + ":" + loopCase.id()
                + ":" + loopCase.inviteTime()), loopCase.traceId(), INTERVIEW_EXPIRED, loopCase.applicationId(),
                loopCase.aiConnectionId(), Map.of("case_id", loopCase.id(), "interview_id", String.valueOf(loopCase.interviewId()),
                "invitation_expiry", settings.invitationExpiry().toString(), "ending", "EXPIRED"), new byte[0], now);
        return cases.markEnded(loopCase.id(), Event.EXPIRE, detail, now, List.of(record),
                notices.of(loopCase, LoopEnding.Ending.EXPIRED));
    }
}
