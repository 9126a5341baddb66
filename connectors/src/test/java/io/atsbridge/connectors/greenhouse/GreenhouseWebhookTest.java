package io.atsbridge.connectors.greenhouse;

import io.atsbridge.connectors.AtsStageEvent;
import io.atsbridge.connectors.MalformedPayloadException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Greenhouse webhook bodies the loop reads, from Greenhouse's documented examples. */
class GreenhouseWebhookTest {

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = GreenhouseWebhookTest.class.getResourceAsStream("/fixtures/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void greenhouseStageChangeGivesApplicationCandidateJobAndCurrentStage() throws IOException {
        AtsStageEvent event = GreenhouseWebhook.stageEvent(fixture("greenhouse_webhook_candidate_stage_change.json"));

        assertThat(event.action()).isEqualTo("candidate_stage_change");
        assertThat(event.applicationId()).isEqualTo("265277");
        assertThat(event.candidateId()).isEqualTo("265772");
        assertThat(event.jobId()).isEqualTo("3485");
        assertThat(event.jobName()).isEqualTo("Designer");
        assertThat(event.stageId()).isEqualTo("71416");
        assertThat(event.stageName()).isEqualTo("Assessment");
        assertThat(event.firstName()).isEqualTo("Giuseppe");
        assertThat(event.lastName()).isEqualTo("Hurley");
        assertThat(event.email()).isEqualTo("giuseppe.hurley@example.com");
        assertThat(event.candidateFields()).containsExactly(java.util.Map.entry("favorite_color", "Blue"));
        assertThat(event.toString()).doesNotContain("Giuseppe", "hurley@");
    }

    @Test
    void greenhouseNewApplicationTakesTheFirstJobAndEmail() throws IOException {
        AtsStageEvent event = GreenhouseWebhook.stageEvent(fixture("greenhouse_webhook_new_candidate_application.json"));

        assertThat(event.action()).isEqualTo("new_candidate_application");
        assertThat(event.applicationId()).isEqualTo("71980812");
        assertThat(event.candidateId()).isEqualTo("60304594");
        assertThat(event.stageName()).isEqualTo("Preliminary Phone Screen");
        assertThat(event.email()).isEqualTo("person@work.com");
        assertThat(event.jobId()).isNotBlank();
    }

    @Test
    void otherGreenhouseActionsAndBrokenBodiesAreRefusedWithTheReason() throws IOException {
        assertThat(GreenhouseWebhook.action(fixture("greenhouse_webhook_delete_application.json"))).isEqualTo("delete_application");
        assertThatThrownBy(() -> GreenhouseWebhook.stageEvent(fixture("greenhouse_webhook_delete_application.json")))
                .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("delete_application");
        assertThatThrownBy(() -> GreenhouseWebhook.stageEvent("{\"action\":\"candidate_stage_change\",\"payload\":{}}"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("payload.application.id");
        assertThatThrownBy(() -> GreenhouseWebhook.stageEvent("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("not valid JSON");
    }
}
