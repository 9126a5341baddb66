package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.connections.domain.Connection;
import io.atsbridge.adapter.connections.domain.ConnectionDirectory;
import io.atsbridge.adapter.engine.domain.InboxEvent;
import io.atsbridge.adapter.engine.domain.LoopCase;
import io.atsbridge.adapter.engine.domain.LoopEnding;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The inbox events that tell the recruiter how a case ended ({@link LoopEnding}), for the store to keep with the ending. */
@Singleton
final class EndingNotices {

    private final ConnectionDirectory directory;
    private final Clock clock;

    EndingNotices(ConnectionDirectory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** The notice of the case's ending on its ATS connection. */
    List<InboxEvent> of(Connection ats, LoopCase loopCase, LoopEnding.Ending ending) {
        return List.of(new LoopEnding(loopCase.id(), loopCase.applicationExternalId(), ending)
                .event(ats, clock.instant().truncatedTo(ChronoUnit.MICROS)));
    }

    /** The notice of the case's ending; none when its ATS connection no longer exists (there is no record to note on). */
    List<InboxEvent> of(LoopCase loopCase, LoopEnding.Ending ending) {
        return directory.find(loopCase.tenantId(), loopCase.atsConnectionId()).map(ats -> of(ats, loopCase, ending))
                .orElse(List.of());
    }
}
