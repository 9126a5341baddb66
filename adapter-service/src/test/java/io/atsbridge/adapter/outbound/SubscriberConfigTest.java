package io.atsbridge.adapter.outbound;

import io.atsbridge.adapter.AdapterApplication;
import io.atsbridge.platform.error.DomainException;
import io.atsbridge.platform.error.ErrorCode;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.platform.testing.TestDatabase;
import io.atsbridge.platform.testing.TestPorts;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Subscribers declared in configuration: fail-fast start-up errors naming the subscriber and setting
 * (never the secret), and declaring again with the same, changed or removed configuration.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubscriberConfigTest {

    private final TestDatabase database = TestDatabase.create("adapter_subscribers");
    private final String masterKey = randomKey(32);
    private WebhookReceiver receiver;

    @BeforeAll
    void start() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    void close() {
        receiver.close();
        database.close();
    }

    private static String randomKey(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private Map<String, Object> base() {
        Map<String, Object> properties = new HashMap<>(database.micronautProperties());
        properties.putAll(TestCalls.authProperties());
        properties.put("grpc.server.port", TestPorts.freeText());
        properties.put("atsbridge.adapter.master-key", masterKey);
        properties.put("atsbridge.adapter.worker.enabled", "false");
        properties.put("atsbridge.adapter.outbound.enabled", "false");
        return properties;
    }

    private static void subscriber(Map<String, Object> properties, String id, String tenant, String url, String secret) {
        properties.put("atsbridge.subscribers." + id + ".tenant", tenant);
        properties.put("atsbridge.subscribers." + id + ".url", url);
        properties.put("atsbridge.subscribers." + id + ".secret", secret);
    }

    private static ApplicationContext start(Map<String, Object> properties) {
        return ApplicationContext.builder().environments(AdapterApplication.ENVIRONMENT).properties(properties).start();
    }

    /** The one line start-up failed with. */
    private static String startupFailure(Map<String, Object> properties) {
        ApplicationContext context = ApplicationContext.builder()
                .environments(AdapterApplication.ENVIRONMENT).properties(properties).build();
        Throwable failure;
        try {
            failure = catchThrowable(context::start);
        } finally {
            Throwable unused = catchThrowable(context::close);
        }
        assertThat(failure).as("start-up should fail").isNotNull();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MissingConfigurationException missing) {
                return missing.getMessage();
            }
        }
        throw new AssertionError("start-up failed without a MissingConfigurationException", failure);
    }

    private boolean stored(String subscriberId) throws Exception {
        try (Connection c = database.connect();
             PreparedStatement select = c.prepareStatement("SELECT 1 FROM subscriber WHERE id = ?")) {
            select.setString(1, subscriberId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    private byte[] ciphertext(String subscriberId) throws Exception {
        try (Connection c = database.connect();
             PreparedStatement select = c.prepareStatement("SELECT secret_ciphertext FROM subscriber WHERE id = ?")) {
            select.setString(1, subscriberId);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getBytes(1);
            }
        }
    }

    @Test
    void invalidSubscribersStopStartUpNamingSubscriberAndSetting() throws Exception {
        // A valid start first, so that the tables exist and "nothing stored" can be checked afterwards.
        Map<String, Object> valid = base();
        subscriber(valid, "hook-ok", "acme", "https://hooks.acme.example/ok", "whsec_" + randomKey(32));
        start(valid).close();

        Map<String, Object> properties = new HashMap<>(valid);
        String secret = "whsec_" + randomKey(32);
        properties.put("atsbridge.subscribers.hook-bad.tenant", "acme");
        properties.put("atsbridge.subscribers.hook-bad.secret", secret);
        assertThat(startupFailure(properties)).isEqualTo("subscriber hook-bad has no url: set atsbridge.subscribers.hook-bad.url "
                + "(the absolute http(s) URL events are POSTed to, e.g. https://hooks.acme.example/atsbridge)");

        properties.put("atsbridge.subscribers.hook-bad.url", "ftp://hooks.acme.example/x");
        assertThat(startupFailure(properties)).startsWith("subscriber hook-bad: atsbridge.subscribers.hook-bad.url is "
                + "'ftp://hooks.acme.example/x' (expected: an absolute http(s) URL");

        properties.put("atsbridge.subscribers.hook-bad.url", "https://hooks.acme.example/bad");
        for (String bad : List.of("not-a-whsec-secret-at-all", "whsec_" + randomKey(16), "whsec_!!not base64!!")) {
            properties.put("atsbridge.subscribers.hook-bad.secret", bad);
            assertThat(startupFailure(properties))
                    .startsWith("subscriber hook-bad: atsbridge.subscribers.hook-bad.secret is not a Standard Webhooks secret")
                    .contains("whsec_ followed by base64 of 24..64 random bytes")
                    .doesNotContain(bad);
        }

        properties.put("atsbridge.subscribers.hook-bad.secret", secret);
        properties.put("atsbridge.subscribers.hook-bad.events", "sync.succeeded,sync.done");
        assertThat(startupFailure(properties)).isEqualTo("subscriber hook-bad: atsbridge.subscribers.hook-bad.events is "
                + "'sync.done' (expected: event types among sync.succeeded, sync.conflict, sync.failed, consent.required; "
                + "leave events out to receive all of them)");

        properties.remove("atsbridge.subscribers.hook-bad.events");
        properties.remove("atsbridge.subscribers.hook-bad.tenant");
        assertThat(startupFailure(properties)).startsWith("subscriber hook-bad has no tenant: set atsbridge.subscribers.hook-bad.tenant");

        assertThat(stored("hook-bad")).as("nothing of a refused configuration is stored").isFalse();
        assertThat(stored("hook-ok")).isTrue();
    }

    @Test
    void declaringAgainKeepsDeliveryDisablesAndAppliesConfigurationChanges() throws Exception {
        String secretA = "whsec_" + randomKey(32);
        Map<String, Object> first = base();
        subscriber(first, "hook-a", "acme", receiver.url("/a"), secretA);
        first.put("atsbridge.subscribers.hook-a.events", "sync.succeeded");
        subscriber(first, "hook-b", "acme", receiver.url("/b"), "whsec_" + randomKey(32));
        receiver.expectKey("/a", secretA);
        receiver.answerAlways("/a", 410);

        try (ApplicationContext context = start(first)) {
            Subscribers subscribers = context.getBean(Subscribers.class);
            SubscriberState a = subscribers.state("acme", "hook-a");
            assertThat(a.enabled()).isTrue();
            assertThat(a.events()).containsExactly("sync.succeeded");
            assertThat(subscribers.state("acme", "hook-b").events())
                    .containsExactly("sync.succeeded", "sync.conflict", "sync.failed", "consent.required");
            byte[] sealed = ciphertext("hook-a");
            assertThat(sealed).isNotEmpty();
            assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(secretA.substring(6));

            context.getBean(OutboundEvents.class).publish(List.of(new OutboundEvent("evt-gone-1", "acme", "sync.succeeded",
                    java.time.Instant.now(), Map.of("application_id", "1"))));
            OutboundRelay relay = context.getBean(OutboundRelay.class);
            assertThat(relay.runOnce()).as("hook-a's delivery (answered 410 Gone) and hook-b's").isEqualTo(2);
            assertThat(subscribers.state("acme", "hook-a").disabledCause()).isEqualTo(DisabledCause.GONE);
            assertThat(receiver.received("/a")).hasSize(1).allMatch(WebhookReceiver.Received::signatureValid);
        }

        // hook-b removed; hook-a declared unchanged: the 410 still holds.
        Map<String, Object> second = new HashMap<>(first);
        second.keySet().removeIf(k -> k.startsWith("atsbridge.subscribers.hook-b."));
        try (ApplicationContext context = start(second)) {
            Subscribers subscribers = context.getBean(Subscribers.class);
            assertThat(subscribers.state("acme", "hook-a").disabledCause()).isEqualTo(DisabledCause.GONE);
            SubscriberState b = subscribers.state("acme", "hook-b");
            assertThat(b.enabled()).isFalse();
            assertThat(b.disabledCause()).isEqualTo(DisabledCause.UNDECLARED);
            assertThat(b.disabledReason()).isEqualTo("no longer declared in configuration (atsbridge.subscribers.hook-b)");

            // The endpoint works again: an operator enables it.
            SubscriberState enabled = subscribers.enable("acme", "hook-a");
            assertThat(enabled.enabled()).isTrue();
            assertThat(enabled.disabledReason()).isNull();
            assertThat(enabled.consecutiveFailures()).isZero();

            Throwable refused = catchThrowable(() -> subscribers.enable("acme", "hook-b"));
            assertThat(refused).isInstanceOfSatisfying(DomainException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
                assertThat(e.reason()).isEqualTo("SUBSCRIBER_DISABLED_IN_CONFIGURATION");
                assertThat(e.getMessage()).contains("hook-b", "atsbridge.subscribers.hook-b.enabled");
            });
            assertThat(subscribers.state("acme", "hook-b").enabled()).isFalse();
        }

        // A new secret, all events, and disabled in configuration.
        byte[] before = ciphertext("hook-a");
        Map<String, Object> third = new HashMap<>(second);
        third.put("atsbridge.subscribers.hook-a.secret", "whsec_" + randomKey(32));
        third.remove("atsbridge.subscribers.hook-a.events");
        third.put("atsbridge.subscribers.hook-a.enabled", "false");
        try (ApplicationContext context = start(third)) {
            SubscriberState a = context.getBean(Subscribers.class).state("acme", "hook-a");
            assertThat(a.enabled()).isFalse();
            assertThat(a.disabledCause()).isEqualTo(DisabledCause.CONFIGURATION);
            assertThat(a.disabledReason()).isEqualTo("disabled in configuration (atsbridge.subscribers.hook-a.enabled is false)");
            assertThat(a.events()).hasSize(4);
            assertThat(context.getBean(OutboundEvents.class).publish(List.of(new OutboundEvent("evt-off-1", "acme",
                    "sync.failed", java.time.Instant.now(), Map.of())))).as("nothing for a disabled subscriber").isZero();
        }
        assertThat(ciphertext("hook-a")).isNotEqualTo(before);

        Map<String, Object> moved = new HashMap<>(third);
        moved.put("atsbridge.subscribers.hook-a.tenant", "globex");
        assertThat(startupFailure(moved)).isEqualTo("subscriber hook-a belongs to tenant acme and cannot move to tenant "
                + "globex; declare it under a new id");
    }
}
