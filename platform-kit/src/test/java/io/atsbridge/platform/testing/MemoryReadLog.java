package io.atsbridge.platform.testing;

import io.atsbridge.platform.privacy.AuditPeerReadLog;
import io.atsbridge.platform.privacy.PersonalDataRead;
import io.atsbridge.platform.privacy.ReadLog;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The read log of a service tested without audit-service ({@code atsbridge.test.read-log=memory}, set by
 * {@link TestCalls#authProperties()}): keeps the reads of personal data it is given, or refuses them as an unreachable
 * audit-service would. audit-service's own tests keep its real, in-place log; the launcher's tests run the real path
 * through audit-service's API.
 */
@Singleton
@Replaces(AuditPeerReadLog.class)
@Requires(property = "atsbridge.test.read-log", value = "memory")
@Requires(notEnv = "audit")
public final class MemoryReadLog implements ReadLog {

    private final List<PersonalDataRead> recorded = new CopyOnWriteArrayList<>();
    private final AtomicBoolean failing = new AtomicBoolean();

    @Override
    public void record(PersonalDataRead read) {
        if (failing.get()) {
            throw new ReadNotRecordedException("the audit log is down", new IllegalStateException("down"));
        }
        recorded.add(read);
    }

    /** The reads recorded so far, oldest first. */
    public List<PersonalDataRead> recorded() {
        return List.copyOf(recorded);
    }

    /** Forgets them, and records again. */
    public void reset() {
        recorded.clear();
        failing.set(false);
    }

    /** From now on every read is refused, until {@link #reset()}. */
    public void fail() {
        failing.set(true);
    }
}
