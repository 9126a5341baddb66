package io.atsbridge.adapter.engine.sync;

import io.atsbridge.connectors.CustomFieldDefinition;
import io.atsbridge.connectors.CustomFieldDefinition.Option;
import io.atsbridge.connectors.VendorCallException;
import io.atsbridge.connectors.greenhouse.GreenhouseHarvest;
import io.atsbridge.connectors.http.VendorHttp;
import io.atsbridge.proto.mapping.v1.FieldScope;
import io.atsbridge.proto.mapping.v1.FieldType;
import io.atsbridge.proto.mapping.v1.FieldValue;
import io.atsbridge.proto.mapping.v1.FieldWrite;
import io.atsbridge.proto.mapping.v1.TargetField;
import io.atsbridge.sandbox.Sandbox;
import io.atsbridge.sandbox.SandboxSettings;
import io.atsbridge.sandbox.greenhouse.CustomFieldScope;
import io.atsbridge.sandbox.greenhouse.CustomFieldType;
import io.atsbridge.sandbox.greenhouse.GreenhouseSimulator;
import io.micronaut.http.client.HttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which planned custom fields fit what the ATS defines, and what the refusal says when one does not; read through
 * the Harvest v1 connector from the Greenhouse simulator over real HTTP, each test on a sandbox of its own.
 */
class FieldDefinitionCheckTest {

    /** A client of its own (no application context here), closed after the tests with its event loop. */
    private static final HttpClient CLIENT = VendorHttp.standaloneClient(Duration.ofSeconds(2), Duration.ofSeconds(10));
    private static final VendorHttp HTTP = new VendorHttp(CLIENT, 3, Duration.ofSeconds(30));

    @AfterAll
    static void closeClient() {
        CLIENT.close();
    }

    private static final List<CustomFieldDefinition> DEFINED = List.of(
            field("candidate", "ai_score", "number"),
            field("candidate", "ai_headline", "short_text"),
            field("application", "ai_summary", "long_text"),
            field("candidate", "ai_link", "short_text"),
            new CustomFieldDefinition("candidate", "ai_recommendation", "AI recommendation", "single_select",
                    List.of(new Option("11", "Advance"), new Option("12", "Pass")), true),
            new CustomFieldDefinition("candidate", "old_score", "Old score", "number", List.of(), false));

    @Test
    void fieldsOfFittingTypesAndOfferedOptionsPass() {
        assertThat(FieldDefinitionCheck.problems("Greenhouse", DEFINED, List.of(
                write("ai_score", FieldType.FIELD_TYPE_NUMBER, FieldScope.FIELD_SCOPE_CANDIDATE, 0),
                write("ai_summary", FieldType.FIELD_TYPE_SHORT_TEXT, FieldScope.FIELD_SCOPE_APPLICATION, 0),
                write("ai_headline", FieldType.FIELD_TYPE_LONG_TEXT, FieldScope.FIELD_SCOPE_CANDIDATE, 200),
                write("ai_link", FieldType.FIELD_TYPE_URL, FieldScope.FIELD_SCOPE_CANDIDATE, 0),
                option("ai_recommendation", "11"),
                option("ai_recommendation", "Pass"),
                write("stage", FieldType.FIELD_TYPE_SHORT_TEXT, FieldScope.FIELD_SCOPE_UNSPECIFIED, 0)))).isEmpty();
    }

    @Test
    void eachMisfitIsNamedWithWhatTheAtsHas() {
        List<String> problems = FieldDefinitionCheck.problems("Greenhouse", DEFINED, List.of(
                write("ai_missing", FieldType.FIELD_TYPE_NUMBER, FieldScope.FIELD_SCOPE_CANDIDATE, 0),
                write("ai_score", FieldType.FIELD_TYPE_NUMBER, FieldScope.FIELD_SCOPE_APPLICATION, 0),
                write("ai_headline", FieldType.FIELD_TYPE_NUMBER, FieldScope.FIELD_SCOPE_CANDIDATE, 0),
                write("ai_headline", FieldType.FIELD_TYPE_LONG_TEXT, FieldScope.FIELD_SCOPE_CANDIDATE, 0),
                write("old_score", FieldType.FIELD_TYPE_NUMBER, FieldScope.FIELD_SCOPE_CANDIDATE, 0),
                option("ai_recommendation", "13")));

        assertThat(problems).containsExactly(
                "candidate field ai_missing is not defined at Greenhouse (define a candidate custom field with key ai_missing "
                        + "of type number)",
                "application field ai_score is not defined at Greenhouse (define an application custom field with key ai_score "
                        + "of type number)",
                "candidate field ai_headline ('ai_headline') is short_text at Greenhouse, the profile writes number",
                "candidate field ai_headline ('ai_headline') is short_text at Greenhouse, the profile writes long_text (a short "
                        + "text field takes it when the profile limits it to 255 characters)",
                "candidate field old_score ('Old score') is inactive at Greenhouse (activate it)",
                "candidate field ai_recommendation ('AI recommendation') has no option 13 at Greenhouse (it offers Advance = 11, "
                        + "Pass = 12)");
    }

    @Test
    void aFieldDeletedInGreenhouseIsReportedAsInactiveNotAsUndefined() {
        try (Sandbox sandbox = greenhouseSandbox()) {
            GreenhouseSimulator greenhouse = sandbox.greenhouse();
            greenhouse.addCustomField(CustomFieldScope.CANDIDATE, "AI score", "ai_score", CustomFieldType.NUMBER);
            greenhouse.addCustomField(CustomFieldScope.CANDIDATE, "Old score", "old_score", CustomFieldType.NUMBER);
            greenhouse.deactivateCustomField(CustomFieldScope.CANDIDATE, "old_score");
            GreenhouseHarvest client = v1(sandbox, SandboxSettings.DEFAULT_GREENHOUSE_API_KEY);
            FieldDefinitionCheck check = new FieldDefinitionCheck();

            assertThatCode(() -> check.verify("gh-test", client, "profile-1",
                    List.of(write("ai_score", FieldType.FIELD_TYPE_NUMBER, FieldScope.FIELD_SCOPE_CANDIDATE, 0))))
                    .doesNotThrowAnyException();
            assertThatThrownBy(() -> check.verify("gh-test", client, "profile-1",
                    List.of(write("old_score", FieldType.FIELD_TYPE_NUMBER, FieldScope.FIELD_SCOPE_CANDIDATE, 0))))
                    .isInstanceOfSatisfying(SyncFailure.class, failure -> {
                        assertThat(failure.retryable()).isFalse();
                        assertThat(failure.getMessage()).contains("mapping profile profile-1",
                                "candidate field old_score ('Old score') is inactive at Greenhouse (activate it)")
                                .doesNotContain("not defined");
                    });
            assertThat(greenhouse.writes()).as("nothing written").isEmpty();
        }
    }

    @Test
    void fiveHundredAndOneFieldsAreReadInTwoPagesOfFiveHundred() {
        try (Sandbox sandbox = greenhouseSandbox()) {
            GreenhouseSimulator greenhouse = sandbox.greenhouse();
            for (int i = 0; i < 501; i++) {
                greenhouse.addCustomField(CustomFieldScope.CANDIDATE, "Field " + i, "field_" + i, CustomFieldType.SHORT_TEXT);
            }
            greenhouse.addCustomField(CustomFieldScope.APPLICATION, "AI summary", "ai_summary", CustomFieldType.LONG_TEXT);
            greenhouse.resetRateLimitStats();

            new FieldDefinitionCheck().verify("gh-test", v1(sandbox, SandboxSettings.DEFAULT_GREENHOUSE_API_KEY), "profile-1",
                    List.of(write("field_0", FieldType.FIELD_TYPE_SHORT_TEXT, FieldScope.FIELD_SCOPE_CANDIDATE, 0),
                            write("field_500", FieldType.FIELD_TYPE_SHORT_TEXT, FieldScope.FIELD_SCOPE_CANDIDATE, 0),
                            write("ai_summary", FieldType.FIELD_TYPE_LONG_TEXT, FieldScope.FIELD_SCOPE_APPLICATION, 0)));

            assertThat(greenhouse.rateLimitStats().requests())
                    .as("candidate fields in two pages of 500, application fields in one").isEqualTo(3);
        }
    }

    @Test
    void refusedAccessToTheDefinitionsIsPermanentAndNamesTheAccessToGrant() {
        try (Sandbox sandbox = greenhouseSandbox()) {
            GreenhouseSimulator greenhouse = sandbox.greenhouse();
            greenhouse.addCustomField(CustomFieldScope.CANDIDATE, "AI score", "ai_score", CustomFieldType.NUMBER);
            List<FieldWrite> writes = List.of(write("ai_score", FieldType.FIELD_TYPE_NUMBER, FieldScope.FIELD_SCOPE_CANDIDATE, 0));
            greenhouse.failNextRequests(1, 403);

            assertThatThrownBy(() -> new FieldDefinitionCheck().verify("gh-test",
                    v1(sandbox, SandboxSettings.DEFAULT_GREENHOUSE_API_KEY), "profile-1", writes))
                    .isInstanceOfSatisfying(SyncFailure.class, failure -> {
                        assertThat(failure.retryable()).isFalse();
                        assertThat(failure.getMessage()).startsWith("Greenhouse refused connection gh-test access to its "
                                        + "custom field definitions, so nothing was written. Grant the Harvest API key's "
                                        + "permission Custom Fields: GET: List Custom Fields")
                                .contains("then replay this dead letter",
                                        "Greenhouse answered 403 to GET /v1/custom_fields/candidate");
                    });
            assertThatThrownBy(() -> new FieldDefinitionCheck().verify("gh-test", v1(sandbox, "not-the-harvest-key"),
                    "profile-1", writes))
                    .isInstanceOfSatisfying(SyncFailure.class, failure -> {
                        assertThat(failure.retryable()).isFalse();
                        assertThat(failure.getMessage()).startsWith("Greenhouse did not accept the credentials of connection "
                                        + "gh-test when asked for its custom field definitions")
                                .contains("they need the Harvest API key's permission Custom Fields",
                                        "Greenhouse answered 401 to GET /v1/custom_fields/candidate");
                    });
        }
    }

    @Test
    void aServerErrorWhileReadingTheDefinitionsStaysRetryable() {
        try (Sandbox sandbox = greenhouseSandbox()) {
            GreenhouseSimulator greenhouse = sandbox.greenhouse();
            greenhouse.addCustomField(CustomFieldScope.CANDIDATE, "AI score", "ai_score", CustomFieldType.NUMBER);
            List<FieldWrite> writes = List.of(write("ai_score", FieldType.FIELD_TYPE_NUMBER, FieldScope.FIELD_SCOPE_CANDIDATE, 0));
            FieldDefinitionCheck check = new FieldDefinitionCheck();
            GreenhouseHarvest client = v1(sandbox, SandboxSettings.DEFAULT_GREENHOUSE_API_KEY);
            greenhouse.failNextRequests(1 + VendorHttp.MAX_TRANSIENT_RETRIES, 503);

            assertThatThrownBy(() -> check.verify("gh-test", client, "profile-1", writes))
                    .isInstanceOfSatisfying(VendorCallException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.status()).isEqualTo(503);
                    });
            assertThatCode(() -> check.verify("gh-test", client, "profile-1", writes))
                    .as("the next attempt reads them").doesNotThrowAnyException();
        }
    }

    private static Sandbox greenhouseSandbox() {
        return Sandbox.start(SandboxSettings.builder().greenhouseRateLimit(10_000).build());
    }

    /** A read-only Harvest v1 client of the sandbox with this API key. */
    private static GreenhouseHarvest v1(Sandbox sandbox, String apiKey) {
        return new GreenhouseHarvest(sandbox.greenhouseBaseUrl(), apiKey, null, HTTP);
    }

    private static CustomFieldDefinition field(String scope, String key, String type) {
        return new CustomFieldDefinition(scope, key, key, type, List.of(), true);
    }

    private static FieldWrite write(String key, FieldType type, FieldScope scope, int maxLength) {
        return FieldWrite.newBuilder()
                .setField(TargetField.newBuilder().setKey(key).setType(type).setScope(scope).setMaxLength(maxLength))
                .setValue(FieldValue.newBuilder().setTextValue("x"))
                .build();
    }

    private static FieldWrite option(String key, String optionId) {
        return FieldWrite.newBuilder()
                .setField(TargetField.newBuilder().setKey(key).setType(FieldType.FIELD_TYPE_SINGLE_SELECT)
                        .setScope(FieldScope.FIELD_SCOPE_CANDIDATE))
                .setValue(FieldValue.newBuilder().setOptionId(optionId))
                .build();
    }
}
