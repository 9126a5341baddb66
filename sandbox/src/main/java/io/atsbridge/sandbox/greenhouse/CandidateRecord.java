package io.atsbridge.sandbox.greenhouse;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A candidate's mutable state; only touched while holding the simulator's lock. */
final class CandidateRecord {

    final long id;
    String firstName;
    String lastName;
    @Nullable
    String title;
    @Nullable
    String company;
    boolean isPrivate;
    List<ContactValue> emailAddresses;
    List<ContactValue> phoneNumbers;
    List<ContactValue> addresses;
    List<ContactValue> websiteAddresses = new ArrayList<>();
    List<ContactValue> socialMediaAddresses = new ArrayList<>();
    List<String> tags;
    final Instant createdAt;
    Instant updatedAt;
    Instant lastActivity;
    /** Custom field id to stored value (see {@link CustomFieldValues}). */
    final Map<Long, Object> customFields = new LinkedHashMap<>();
    final List<Long> applicationIds = new ArrayList<>();
    final List<CandidateNote> notes = new ArrayList<>();
    final List<Activity> activities = new ArrayList<>();

    CandidateRecord(long id, NewCandidate seed, Instant now) {
        this.id = id;
        this.firstName = seed.firstName();
        this.lastName = seed.lastName();
        this.title = seed.title();
        this.company = seed.company();
        this.emailAddresses = new ArrayList<>(seed.emailAddresses());
        this.phoneNumbers = new ArrayList<>(seed.phoneNumbers());
        this.addresses = new ArrayList<>(seed.addresses());
        this.tags = new ArrayList<>(seed.tags().stream().distinct().toList());
        this.createdAt = now;
        this.updatedAt = now;
        this.lastActivity = now;
    }

    /** Marks a change: Harvest moves {@code updated_at} and {@code last_activity} on every write. */
    void touch(Instant now) {
        updatedAt = now;
        lastActivity = now;
    }

    /** An entry of the activity feed's {@code activities} (stage changes and the like). */
    record Activity(long id, String subject, String body, @Nullable Long userId, Instant createdAt) {
    }
}
