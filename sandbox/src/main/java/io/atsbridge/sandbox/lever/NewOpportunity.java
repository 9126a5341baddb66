package io.atsbridge.sandbox.lever;

import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What to seed an opportunity with. A new contact is made for it unless {@link Builder#contact(String)} names
 * an existing one (a person applying a second time). Build with {@link #builder(String)}.
 */
public final class NewOpportunity {

    /** Lever's opportunity origins. */
    public static final Set<String> ORIGINS = Set.of("agency", "applied", "internal", "referred", "sourced", "university");

    private final String name;
    @Nullable
    private final String headline;
    private final List<String> emails;
    private final List<String> phones;
    private final List<String> tags;
    @Nullable
    private final String location;
    private final String origin;
    private final List<String> sources;
    @Nullable
    private final String postingId;
    @Nullable
    private final String stageId;
    @Nullable
    private final String contactId;

    private NewOpportunity(Builder b) {
        this.name = b.name;
        this.headline = b.headline;
        this.emails = List.copyOf(b.emails);
        this.phones = List.copyOf(b.phones);
        this.tags = List.copyOf(b.tags);
        this.location = b.location;
        this.origin = b.origin;
        this.sources = List.copyOf(b.sources);
        this.postingId = b.postingId;
        this.stageId = b.stageId;
        this.contactId = b.contactId;
    }

    /** A builder for an opportunity of the person with this full name. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    @Nullable
    public String headline() {
        return headline;
    }

    public List<String> emails() {
        return emails;
    }

    public List<String> phones() {
        return phones;
    }

    public List<String> tags() {
        return tags;
    }

    @Nullable
    public String location() {
        return location;
    }

    public String origin() {
        return origin;
    }

    public List<String> sources() {
        return sources;
    }

    /** The posting applied to (an application is made for it); null for none. */
    @Nullable
    public String postingId() {
        return postingId;
    }

    /** The stage to start in; null for the pipeline's first stage. */
    @Nullable
    public String stageId() {
        return stageId;
    }

    /** The existing contact to attach to; null to make a new contact. */
    @Nullable
    public String contactId() {
        return contactId;
    }

    /** Builds {@link NewOpportunity}; every setter checks its argument. */
    public static final class Builder {
        private final String name;
        @Nullable
        private String headline;
        private final List<String> emails = new ArrayList<>();
        private final List<String> phones = new ArrayList<>();
        private final List<String> tags = new ArrayList<>();
        @Nullable
        private String location;
        private String origin = "applied";
        private final List<String> sources = new ArrayList<>();
        @Nullable
        private String postingId;
        @Nullable
        private String stageId;
        @Nullable
        private String contactId;

        private Builder(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("opportunity name: blank (expected: the person's full name)");
            }
            this.name = name;
        }

        public Builder headline(String headline) {
            this.headline = headline;
            return this;
        }

        public Builder email(String email) {
            emails.add(Objects.requireNonNull(email, "email"));
            return this;
        }

        public Builder phone(String phone) {
            phones.add(Objects.requireNonNull(phone, "phone"));
            return this;
        }

        public Builder tag(String tag) {
            if (tag == null || tag.isBlank()) {
                throw new IllegalArgumentException("tag: blank (expected: a non-blank tag)");
            }
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
            return this;
        }

        public Builder location(String location) {
            this.location = location;
            return this;
        }

        public Builder origin(String origin) {
            if (!ORIGINS.contains(origin)) {
                throw new IllegalArgumentException("origin: " + origin + " (expected: one of " + ORIGINS + ")");
            }
            this.origin = origin;
            return this;
        }

        public Builder source(String source) {
            sources.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        public Builder posting(String postingId) {
            this.postingId = Objects.requireNonNull(postingId, "postingId");
            return this;
        }

        public Builder stage(String stageId) {
            this.stageId = Objects.requireNonNull(stageId, "stageId");
            return this;
        }

        public Builder contact(String contactId) {
            this.contactId = Objects.requireNonNull(contactId, "contactId");
            return this;
        }

        public NewOpportunity build() {
            return new NewOpportunity(this);
        }
    }
}
