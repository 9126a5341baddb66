package io.atsbridge.sandbox.greenhouse;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * A file attached to an application through {@code POST /v1/applications/{id}/attachments} (or its v3
 * counterpart).
 *
 * @param type        resume, cover_letter, other, take_home_test, offer_letter or signed_offer_letter
 * @param url         the URL the client gave (Greenhouse fetches it); null when content was uploaded
 * @param content     the decoded bytes uploaded as base64 {@code content}; null when a URL was given
 * @param contentType the MIME type the client gave; null when a URL was given without one
 * @param visibility  admin_only, private or public for type {@code other}; null for the other types
 * @param userId      the user the upload is attributed to (On-Behalf-Of, or the v3 token's user)
 */
public record GreenhouseAttachment(long id, long applicationId, String filename, String type, @Nullable String url,
                                   @Nullable byte[] content, @Nullable String contentType, @Nullable String visibility,
                                   long userId, Instant createdAt) {

    @Override
    public String toString() {
        return "GreenhouseAttachment[" + id + ", application " + applicationId + ", " + type + ", " + filename
                + (content == null ? ", url" : ", " + content.length + " bytes") + "]";
    }
}
