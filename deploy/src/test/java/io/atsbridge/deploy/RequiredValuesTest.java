package io.atsbridge.deploy;

import io.atsbridge.deploy.Chart.Variant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rendering stops, naming the value, when something the services cannot run without is missing, and
 * when values.schema.json rejects a value; a value given in an existing Secret instead is enough.
 */
class RequiredValuesTest {

    @ParameterizedTest(name = "without {0}")
    @CsvSource(delimiter = '|', value = {
        "database.host               | database.host is required",
        "database.password           | database.password is required",
        "auth.operatorToken          | auth.operatorToken is required",
        "auth.adapterToken           | auth.adapterToken is required",
        "auth.gatewayToken           | auth.gatewayToken is required",
        "auth.identityToken          | auth.identityToken is required (or auth.existingSecret naming a Secret with key identity-token)",
        "auth.consentToken           | auth.consentToken is required (or auth.existingSecret naming a Secret with key consent-token)",
        "adapter.masterKey           | adapter.masterKey is required",
        "audit.signing.privateKey    | audit.signing.privateKey is required",
    })
    void renderingFailsNamingTheMissingValue(String value, String message) {
        ChartTools.Result result = template(Variant.DEFAULTS, "--set", value + "=null");

        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.stderr()).contains(message);
        assertThat(result.stdout()).doesNotContain("kind: Deployment");
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', value = {
        "database.password  | database.existingSecret=atsbridge-database",
        "auth.operatorToken | auth.existingSecret=atsbridge-tokens",
        "adapter.masterKey  | adapter.existingMasterKeySecret=atsbridge-master-key",
        "audit.signing.privateKey | audit.signing.existingSecret=atsbridge-audit-signing-key",
    })
    void anExistingSecretStandsInForTheValue(String value, String existing) {
        ChartTools.Result result = template(Variant.DEFAULTS, "--set", value + "=null", "--set", existing);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.stdout()).contains("name: " + existing.substring(existing.indexOf('=') + 1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ingress.enabled=true                                                      | ingress.host is required",
        "networkPolicy.operatorAccess.enabled=true                                 | networkPolicy.operatorAccess.from is required",
        "serviceMonitor.enabled=true                                               | gateway.metrics.token (or gateway.metrics.existingSecret) is required",
        "identity.database.password=only-for-identity,database.password=null       | database.password is required (or mapping.database.password",
        "auth.oidc.issuer=https://login.example.com/                                | auth.oidc.jwksUri and auth.oidc.audience are required with auth.oidc.issuer",
        "tls.existingSecrets.identity=identity-tls                                  | tls.existingSecrets.mapping is required when tls.existingSecrets is set",
        "tls.existingSecrets.identity=x,tls.certManager.issuerRef.name=ca          | tls.existingSecrets and tls.certManager.issuerRef.name are both set",
    })
    void aFeatureFailsWithoutTheValuesItNeeds(String set, String message) {
        ChartTools.Result result = template(Variant.DEFAULTS, "--set", set);

        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.stderr()).contains(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "image.tag=latest                      | image.tag",
        "gateway.image.tag=latest              | gateway.image.tag",
        "identity.image.digest=sha256:abc      | identity.image.digest",
        "auth.operatorToken=short              | auth.operatorToken",
        "auth.identityToken=short              | auth.identityToken",
        "auth.operatorRoles=Operator           | auth.operatorRoles",
        "auth.oidc.jwksUri=not-a-url           | auth.oidc.jwksUri",
        "tls.existingSecrets.frontend=x        | frontend",
        "identity.healthPort=0                 | identity.healthPort",
        "adapter.masterKey=not-base64-32-bytes | adapter.masterKey",
        "audit.signing.privateKey=short        | audit.signing.privateKey",
        "audit.signing.interval=often          | audit.signing.interval",
        "logLevel=LOUD                         | logLevel",
        "database.driver=postgresql            | database.driver",
        "identity.port=70000                   | identity.port",
        "identity.replicaCount=0               | identity.replicaCount",
        "gateway.resources.limits=null         | gateway.resources",
        "identity.unknownKey=1                 | unknownKey",
        "unknownTopLevel=1                     | unknownTopLevel",
    })
    void theSchemaRejectsValuesThatCannotWork(String set, String named) {
        ChartTools.Result result = template(Variant.DEFAULTS, "--set", set);

        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.stderr()).contains("values don't meet the specifications of the schema").contains(named);
    }

    private static ChartTools.Result template(Variant variant, String... more) {
        List<String> arguments = new ArrayList<>(variant.valuesArguments());
        arguments.addAll(List.of(more));
        return Chart.template(arguments);
    }
}
