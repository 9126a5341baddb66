package io.atsbridge.adapter.connections.config;

import io.atsbridge.adapter.connections.domain.NextSteps;
import io.atsbridge.adapter.connections.domain.NextSteps.Kind;
import io.atsbridge.adapter.connections.domain.NextSteps.NextStep;
import io.atsbridge.platform.startup.MissingConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The next step after a result as connections declare it, and what a wrong declaration says at start-up. */
class DeclaredNextStepsTest {

    private static ConnectionProperties.Builder ats() {
        return ConnectionProperties.builder("gh-acme").tenant("acme").kind("ATS").triggerStage("AI Interview");
    }

    @Test
    void nothingDeclaredIsNoNextStep() {
        NextSteps steps = DeclaredNextSteps.check(ats().build());

        assertThat(steps).isEqualTo(NextSteps.DEFAULT);
        assertThat(steps.of("4012")).isEqualTo(NextStep.NONE);
    }

    @Test
    void aConnectionAndItsJobsDeclareTheirOwnStep() {
        NextSteps steps = DeclaredNextSteps.check(ats().nextStep(" tag:AI screened ")
                .jobNextSteps(List.of("4012:stage:Onsite@70", "4013:none", "4014: tag:Strong@85")).build());

        assertThat(steps.of("9999")).isEqualTo(new NextStep(Kind.TAG, "AI screened", null));
        assertThat(steps.of(null)).isEqualTo(new NextStep(Kind.TAG, "AI screened", null));
        NextStep onsite = steps.of("4012");
        assertThat(onsite).isEqualTo(new NextStep(Kind.STAGE, "Onsite", 70));
        assertThat(onsite.clears(70)).isTrue();
        assertThat(onsite.clears(69.9)).isFalse();
        assertThat(onsite.names(" onsite ")).isTrue();
        assertThat(steps.of("4013")).isEqualTo(NextStep.NONE);
        assertThat(steps.of("4014")).isEqualTo(new NextStep(Kind.TAG, "Strong", 85));
        assertThat(steps.of("9999").clears(0)).as("a tag without threshold whatever the score").isTrue();
    }

    @Test
    void aStageMoveNeedsAThresholdAndNeverGoesToARejectionOrAScreeningStage() {
        assertThatThrownBy(() -> DeclaredNextSteps.check(ats().nextStep("stage:Onsite").build()))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessage("connection gh-acme: atsbridge.connections.gh-acme.next-step has 'stage:Onsite' without a "
                        + "threshold (expected: stage:Onsite@<min score percent>: a stage move needs a score to clear)");
        assertThatThrownBy(() -> DeclaredNextSteps.check(ats().nextStep("stage:Rejected@50").build()))
                .hasMessageContaining("moves to 'Rejected', a rejection")
                .hasMessageContaining("atsbridge never rejects a candidate");
        assertThatThrownBy(() -> DeclaredNextSteps.check(ats().nextStep("stage:ai interview@50").build()))
                .hasMessageContaining("a stage that starts an AI screen");
        assertThatThrownBy(() -> DeclaredNextSteps.check(ats().triggers(List.of("stage:Phone Screen"))
                .jobNextSteps(List.of("4012:stage:Phone Screen@60")).build()))
                .hasMessageContaining("job-next-steps (job 4012) moves to 'Phone Screen', a stage that starts an AI screen");
    }

    @Test
    void aWrongDeclarationStopsTheStartNamingIt() {
        for (String wrong : List.of("stage:Onsite@101", "stage:Onsite@-1", "stage:Onsite@x", "tag:", "move:Onsite@50",
                "tag:@50", "stage")) {
            assertThatThrownBy(() -> DeclaredNextSteps.check(ats().nextStep(wrong).build()))
                    .as(wrong).isInstanceOf(MissingConfigurationException.class)
                    .hasMessageContaining("next-step has '" + wrong + "' (expected: none, tag:<tag name>");
        }
        assertThatThrownBy(() -> DeclaredNextSteps.check(ats().jobNextSteps(List.of("AI screened")).build()))
                .hasMessageContaining("job-next-steps has 'AI screened' (expected: <ATS job id>:<next step>");
        assertThatThrownBy(() -> DeclaredNextSteps.check(ats().jobNextSteps(List.of("4012:tag:a", "4012:none")).build()))
                .hasMessageContaining("job-next-steps (job 4012) is set twice");
        assertThatThrownBy(() -> DeclaredNextSteps.check(ConnectionProperties.builder("gh-acme").tenant("acme")
                .kind("ATS").nextStep("tag:AI screened").build()))
                .hasMessage("connection gh-acme: atsbridge.connections.gh-acme.next-step is set but no trigger-stage "
                        + "(expected: next steps only on an ATS connection that runs the loop)");
    }
}
