package io.atsbridge.adapter.config;

import io.atsbridge.adapter.domain.ConnectionDeclaration;
import io.atsbridge.adapter.domain.ConnectionKind;
import io.atsbridge.adapter.domain.Vendor;
import io.atsbridge.platform.startup.MissingConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeclaredConnectionsTest {

    private static final String SECRET = "secret-0123456789abcdef";
    private static final String OTHER_SECRET = "other-0123456789abcdef";

    private static ConnectionProperties valid(String id) {
        ConnectionProperties p = new ConnectionProperties(id);
        p.setTenant("acme");
        p.setVendor("greenhouse");
        p.setKind("ats");
        p.setBaseUrl("https://harvest.greenhouse.io");
        p.setWebhookSecrets(List.of(SECRET, OTHER_SECRET));
        p.setCredentials("api-key-0123456789");
        return p;
    }

    private static String failure(Consumer<ConnectionProperties> change) {
        ConnectionProperties p = valid("gh-acme");
        change.accept(p);
        try {
            DeclaredConnections.check(p);
        } catch (MissingConfigurationException e) {
            assertThat(e.getMessage()).doesNotContain(SECRET, OTHER_SECRET, "api-key-0123456789").doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("expected the declaration to be refused");
    }

    @Test
    void validDeclarationIsNormalised() {
        ConnectionDeclaration d = DeclaredConnections.check(valid("gh-acme"));

        assertThat(d.id()).isEqualTo("gh-acme");
        assertThat(d.vendor()).isEqualTo(Vendor.GREENHOUSE);
        assertThat(d.kind()).isEqualTo(ConnectionKind.ATS);
        assertThat(d.displayName()).isEqualTo("gh-acme");
        assertThat(d.enabled()).isTrue();
        assertThat(d.webhookSecrets()).containsExactly(SECRET, OTHER_SECRET);
        assertThat(d.credentials()).isEqualTo("api-key-0123456789");
    }

    @Test
    void secretsNeverAppearInToString() {
        ConnectionProperties p = valid("gh-acme");
        assertThat(p.toString()).doesNotContain(SECRET, OTHER_SECRET, "api-key-0123456789").contains("2 webhook secret(s)");
        assertThat(DeclaredConnections.check(p).toString())
                .doesNotContain(SECRET, OTHER_SECRET, "api-key-0123456789").contains("gh-acme");
    }

    @Test
    void blankCredentialsMeanNone() {
        ConnectionProperties p = valid("gh-acme");
        p.setCredentials("  ");
        assertThat(DeclaredConnections.check(p).credentials()).isNull();
    }

    @Test
    void eachBadSettingIsNamedWithItsConnection() {
        assertThat(failure(p -> p.setTenant(null)))
                .isEqualTo("connection gh-acme has no tenant: set atsbridge.connections.gh-acme.tenant (the tenant id, e.g. acme)");
        assertThat(failure(p -> p.setTenant("Acme Corp"))).contains("gh-acme", "atsbridge.connections.gh-acme.tenant");
        assertThat(failure(p -> p.setVendor("taleo"))).contains("atsbridge.connections.gh-acme.vendor", "'taleo'", "GREENHOUSE");
        assertThat(failure(p -> p.setVendor(null))).contains("has no vendor");
        assertThat(failure(p -> p.setKind("crm"))).contains("atsbridge.connections.gh-acme.kind", "ATS or AI_VENDOR");
        assertThat(failure(p -> p.setBaseUrl("harvest.greenhouse.io"))).contains("atsbridge.connections.gh-acme.base-url");
        assertThat(failure(p -> p.setBaseUrl("https://"))).contains("atsbridge.connections.gh-acme.base-url");
        assertThat(failure(p -> p.setBaseUrl("https://user:pw@harvest.greenhouse.io")))
                .contains("base-url", "user info").doesNotContain("pw@");
        assertThat(failure(p -> p.setDisplayName("x".repeat(201)))).contains("display-name");
        assertThat(failure(p -> p.setWebhookSecrets(List.of())))
                .isEqualTo("connection gh-acme has no webhook secret: set atsbridge.connections.gh-acme.webhook-secrets "
                        + "(one or more, at least 16 characters each)");
        assertThat(failure(p -> p.setWebhookSecrets(List.of(SECRET, "short-secret"))))
                .contains("webhook-secrets", "entry 1 is 12 characters long");
        assertThat(failure(p -> p.setWebhookSecrets(List.of(SECRET, SECRET))))
                .contains("webhook-secrets", "entry 1 repeats an earlier entry");
        assertThat(failure(p -> p.setCredentials("k".repeat(10_001)))).contains("credentials");
    }

    @Test
    void malformedIdIsRefused() {
        assertThatThrownBy(() -> DeclaredConnections.check(valid("GH_ACME")))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("'GH_ACME' has an invalid id");
        assertThatThrownBy(() -> DeclaredConnections.check(valid("-gh")))
                .isInstanceOf(MissingConfigurationException.class);
    }
}
