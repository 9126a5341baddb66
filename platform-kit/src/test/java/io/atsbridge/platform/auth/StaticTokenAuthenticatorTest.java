package io.atsbridge.platform.auth;

import io.atsbridge.platform.context.Caller;
import io.atsbridge.platform.context.CallerKind;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.atsbridge.platform.startup.StartupFailure;
import io.atsbridge.platform.testing.TestPorts;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Static tokens stand for automation; a static token for a person is accepted only where the embedded run allows it
 * ({@code atsbridge.auth.allow-static-person-tokens}), and anywhere else refuses start-up with one line saying what to do.
 */
class StaticTokenAuthenticatorTest {

    private static final String PERSON_SECRET = "person-token-0123456789abcdef";
    private static final String SERVICE_SECRET = "service-token-0123456789abcdef";

    private static StaticToken person() {
        return new StaticToken("operator", PERSON_SECRET, CallerKind.PERSON, List.of("operator"), List.of("*"));
    }

    private static StaticToken service() {
        return new StaticToken("adapter", SERVICE_SECRET, CallerKind.SERVICE, List.of("service"), List.of("*"));
    }

    @Test
    void aPersonTokenIsRefusedWithoutTheAllowanceSayingWhatToDoInstead() {
        assertThatThrownBy(() -> new StaticTokenAuthenticator(List.of(service(), person()), false))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessage("caller token 'operator' is a static token for a person (kind PERSON), which only the "
                        + "embedded run accepts: people sign in with OIDC (ATSBRIDGE_AUTH_OIDC_ISSUER); for tools and "
                        + "scripts set ATSBRIDGE_AUTH_TOKENS_OPERATOR_KIND=SERVICE")
                .hasMessageNotContaining(PERSON_SECRET);
    }

    @Test
    void aPersonTokenIsAcceptedWithTheAllowance() {
        StaticTokenAuthenticator authenticator = new StaticTokenAuthenticator(List.of(service(), person()), true);
        Caller caller = authenticator.authenticate(PERSON_SECRET).orElseThrow();
        assertThat(caller.name()).isEqualTo("operator");
        assertThat(caller.kind()).isEqualTo(CallerKind.PERSON);
    }

    @Test
    void serviceTokensNeedNoAllowance() {
        StaticTokenAuthenticator authenticator = new StaticTokenAuthenticator(List.of(service()), false);
        Caller caller = authenticator.authenticate(SERVICE_SECRET).orElseThrow();
        assertThat(caller.name()).isEqualTo("adapter");
        assertThat(caller.kind()).isEqualTo(CallerKind.SERVICE);
        assertThat(authenticator.authenticate(PERSON_SECRET)).isEmpty();
    }

    @Test
    void aServiceWithAPersonTokenAndNoAllowanceDoesNotStartAndSaysWhyInOneLine() {
        Map<String, Object> properties = serviceProperties();
        ApplicationContext context = ApplicationContext.builder().properties(properties).build();
        assertThatThrownBy(context::start)
                .satisfies(failure -> assertThat(StartupFailure.describe("probe-service", failure, null, "PROBE_DATASOURCE_URL"))
                        .isEqualTo("probe-service cannot start: caller token 'operator' is a static token for a person "
                                + "(kind PERSON), which only the embedded run accepts: people sign in with OIDC "
                                + "(ATSBRIDGE_AUTH_OIDC_ISSUER); for tools and scripts set "
                                + "ATSBRIDGE_AUTH_TOKENS_OPERATOR_KIND=SERVICE"));
        context.close();
    }

    @Test
    void theSameServiceStartsWithTheAllowance() {
        Map<String, Object> properties = serviceProperties();
        properties.put(StaticTokenAuthenticator.ALLOW_PERSON_TOKENS, "true");
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            assertThat(context.getBean(CallerAuthenticator.class).authenticate(PERSON_SECRET))
                    .hasValueSatisfying(caller -> assertThat(caller.kind()).isEqualTo(CallerKind.PERSON));
        }
    }

    private static Map<String, Object> serviceProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("atsbridge.service.name", "probe-service");
        properties.put("grpc.server.port", TestPorts.free());
        properties.put("atsbridge.auth.tokens.adapter.secret", SERVICE_SECRET);
        properties.put("atsbridge.auth.tokens.adapter.tenants", "*");
        properties.put("atsbridge.auth.tokens.operator.secret", PERSON_SECRET);
        properties.put("atsbridge.auth.tokens.operator.kind", "PERSON");
        properties.put("atsbridge.auth.tokens.operator.tenants", "*");
        properties.put("atsbridge.auth.tokens.operator.roles", "operator");
        return properties;
    }
}
