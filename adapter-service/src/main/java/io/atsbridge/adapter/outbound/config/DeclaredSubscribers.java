package io.atsbridge.adapter.outbound.config;

import io.atsbridge.adapter.outbound.domain.OutboundEventType;
import io.atsbridge.adapter.outbound.domain.StandardWebhooksSigner;
import io.atsbridge.adapter.outbound.domain.SubscriberDeclaration;
import io.atsbridge.adapter.outbound.domain.Subscribers;
import io.atsbridge.platform.context.CallContext;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Stores the subscribers to outbound events configuration declares, once, while the service starts,
 * so that a service whose configuration is wrong refuses to start with one line naming the subscriber
 * and the setting. Every declaration is checked before the database is touched; secrets are never echoed.
 */
@Context
final class DeclaredSubscribers {

    static final int MAX_URL = 1000;

    DeclaredSubscribers(List<SubscriberProperties> properties, BeanProvider<Subscribers> subscribers) {
        List<SubscriberDeclaration> declarations = properties.stream()
                .sorted(Comparator.comparing(SubscriberProperties::id))
                .map(DeclaredSubscribers::check)
                .toList();
        subscribers.get().declare(declarations);
    }

    /**
     * The checked declaration.
     *
     * @throws MissingConfigurationException naming the subscriber and the setting that is wrong
     */
    static SubscriberDeclaration check(SubscriberProperties p) {
        String id = p.id();
        if (!SubscriberDeclaration.ID.matcher(id).matches()) {
            throw new MissingConfigurationException("subscriber '" + id + "' has an invalid id: rename "
                    + "atsbridge.subscribers." + id + " to 1..100 lower-case letters, digits or '-', "
                    + "starting with a letter or digit");
        }
        String tenant = required(p, "tenant", p.tenant(), "the tenant id whose events it receives, e.g. acme");
        if (!CallContext.TENANT_ID.matcher(tenant).matches()) {
            throw invalid(p, "tenant", "'" + tenant + "'", "1..63 lower-case letters, digits or '-'");
        }
        String url = checkUrl(p, required(p, "url", p.url(), "the absolute http(s) URL events are POSTed to, "
                + "e.g. https://hooks.acme.example/atsbridge"));
        String secret = required(p, "secret", p.secret(), StandardWebhooksSigner.SECRET_PREFIX + " and base64 of "
                + StandardWebhooksSigner.MIN_KEY_BYTES + ".." + StandardWebhooksSigner.MAX_KEY_BYTES + " random bytes, e.g. "
                + "whsec_$(openssl rand -base64 32)");
        if (StandardWebhooksSigner.key(secret).isEmpty()) {
            // Never echo the secret, not even a wrong one.
            throw invalid(p, "secret", "not a Standard Webhooks secret (" + secret.length() + " characters)",
                    StandardWebhooksSigner.SECRET_PREFIX + " followed by base64 of " + StandardWebhooksSigner.MIN_KEY_BYTES
                            + ".." + StandardWebhooksSigner.MAX_KEY_BYTES + " random bytes, e.g. whsec_$(openssl rand -base64 32)");
        }
        return new SubscriberDeclaration(id, tenant, url, secret, checkEvents(p), p.enabled());
    }

    private static Set<OutboundEventType> checkEvents(SubscriberProperties p) {
        if (p.events() == null) {
            return EnumSet.allOf(OutboundEventType.class);
        }
        Set<OutboundEventType> events = EnumSet.noneOf(OutboundEventType.class);
        for (String name : p.events()) {
            String trimmed = name == null ? "" : name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            events.add(OutboundEventType.parse(trimmed).orElseThrow(() -> invalid(p, "events",
                    "'" + trimmed + "'", "event types among " + OutboundEventType.names()
                            + "; leave events out to receive all of them")));
        }
        if (events.isEmpty()) {
            throw invalid(p, "events", "empty", "event types among " + OutboundEventType.names()
                    + "; leave events out to receive all of them, or set enabled: false to receive none");
        }
        return events;
    }

    private static String checkUrl(SubscriberProperties p, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw invalid(p, "url", "'" + value + "'", "an absolute http(s) URL, e.g. https://hooks.acme.example/atsbridge");
        }
        if (uri.getRawUserInfo() != null) {
            // Do not echo the URL: its user info may be a credential.
            throw invalid(p, "url", "a URL with user info", "no credentials in the URL; receivers verify the "
                    + "webhook-signature header instead");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || value.length() > MAX_URL) {
            throw invalid(p, "url", "'" + value + "'", "an absolute http(s) URL of at most " + MAX_URL
                    + " characters, e.g. https://hooks.acme.example/atsbridge");
        }
        return value;
    }

    private static String required(SubscriberProperties p, String setting, @Nullable String value, String expected) {
        if (value == null || value.isBlank()) {
            throw new MissingConfigurationException("subscriber " + p.id() + " has no " + setting + ": set atsbridge.subscribers."
                    + p.id() + "." + setting + " (" + expected + ")");
        }
        return value.trim();
    }

    private static MissingConfigurationException invalid(SubscriberProperties p, String setting, String actual, String expected) {
        return new MissingConfigurationException("subscriber " + p.id() + ": atsbridge.subscribers." + p.id() + "."
                + setting + " is " + actual + " (expected: " + expected + ")");
    }
}
