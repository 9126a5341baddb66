package io.atsbridge.sandbox.greenhouse;

import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;

/** A candidate to seed; build with {@link #builder(String, String)}. */
public record NewCandidate(String firstName, String lastName, @Nullable String title, @Nullable String company,
                           List<ContactValue> emailAddresses, List<ContactValue> phoneNumbers,
                           List<ContactValue> addresses, List<String> tags) {

    public NewCandidate {
        emailAddresses = List.copyOf(emailAddresses);
        phoneNumbers = List.copyOf(phoneNumbers);
        addresses = List.copyOf(addresses);
        tags = List.copyOf(tags);
    }

    /** A builder for a candidate with this name. */
    public static Builder builder(String firstName, String lastName) {
        return new Builder(firstName, lastName);
    }

    /** Builds a {@link NewCandidate}. */
    public static final class Builder {
        private final String firstName;
        private final String lastName;
        @Nullable
        private String title;
        @Nullable
        private String company;
        private final List<ContactValue> emails = new ArrayList<>();
        private final List<ContactValue> phones = new ArrayList<>();
        private final List<ContactValue> addresses = new ArrayList<>();
        private final List<String> tags = new ArrayList<>();

        private Builder(String firstName, String lastName) {
            if (firstName == null || firstName.isBlank() || lastName == null || lastName.isBlank()) {
                throw new IllegalArgumentException("candidate name: '" + firstName + " " + lastName
                        + "' (expected: non-blank first and last name)");
            }
            this.firstName = firstName;
            this.lastName = lastName;
        }

        public Builder title(@Nullable String title) {
            this.title = title;
            return this;
        }

        public Builder company(@Nullable String company) {
            this.company = company;
            return this;
        }

        /** Adds an e-mail address of type personal. */
        public Builder email(String address) {
            return email(address, "personal");
        }

        public Builder email(String address, String type) {
            emails.add(ContactValue.of(address, type));
            return this;
        }

        /** Adds a phone number of type mobile. */
        public Builder phone(String number) {
            return phone(number, "mobile");
        }

        public Builder phone(String number, String type) {
            phones.add(ContactValue.of(number, type));
            return this;
        }

        /** Adds an address of type home. */
        public Builder address(String address) {
            addresses.add(ContactValue.of(address, "home"));
            return this;
        }

        public Builder tag(String tag) {
            tags.add(tag);
            return this;
        }

        public NewCandidate build() {
            return new NewCandidate(firstName, lastName, title, company, emails, phones, addresses, tags);
        }
    }
}
