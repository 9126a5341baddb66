package io.atsbridge.adapter.connections.config;

import io.atsbridge.adapter.connections.domain.ScreenTriggers;
import io.atsbridge.adapter.connections.domain.ScreenTriggers.Kind;
import io.atsbridge.adapter.connections.domain.ScreenTriggers.Trigger;
import io.atsbridge.platform.startup.MissingConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What starts a screen as connections declare it, which trigger an event fires, and what a wrong declaration says. */
class DeclaredTriggersTest {

    private static ConnectionProperties.Builder ats() {
        return ConnectionProperties.builder("gh-acme").tenant("acme").kind("ATS").triggerStage("AI Interview");
    }

    @Test
    void nothingDeclaredIsEnteringTheTriggerStage() {
        ScreenTriggers triggers = DeclaredTriggers.check(ats().build());

        assertThat(triggers).isEqualTo(ScreenTriggers.DEFAULT);
        assertThat(triggers.fired("4012", "AI Interview", false, " ai interview ", List.of())).contains(Trigger.TRIGGER_STAGE);
        assertThat(triggers.fired("4012", "AI Interview", true, "Application Review", List.of())).isEmpty();
    }

    @Test
    void aConnectionAndItsJobsDeclareTheirOwnTriggers() {
        ScreenTriggers triggers = DeclaredTriggers.check(ats()
                .triggers(List.of("stage", " new-application", "tag:AI screen"))
                .jobTriggers(List.of("4012:stage:Phone Screen", "4012:tag:Fast track", "4013:none", "abc: none"))
                .build());

        assertThat(triggers.connection()).containsExactly(Trigger.TRIGGER_STAGE, new Trigger(Kind.NEW_APPLICATION, null),
                new Trigger(Kind.TAG, "AI screen"));
        // Any other job: the connection's triggers.
        assertThat(triggers.fired("9999", "AI Interview", true, "Application Review", List.of()))
                .contains(new Trigger(Kind.NEW_APPLICATION, null));
        assertThat(triggers.fired("9999", "AI Interview", false, "Offer", List.of("ai SCREEN")))
                .contains(new Trigger(Kind.TAG, "AI screen"));
        assertThat(triggers.fired("9999", "AI Interview", false, "Offer", List.of("other"))).isEmpty();
        // Job 4012 replaces them: its own stage and tag, no new-application, not the connection's stage.
        assertThat(triggers.fired("4012", "AI Interview", false, "phone screen", List.of()))
                .contains(new Trigger(Kind.STAGE, "Phone Screen"));
        assertThat(triggers.fired("4012", "AI Interview", true, "AI Interview", List.of("AI screen"))).isEmpty();
        assertThat(triggers.fired("4012", "AI Interview", false, "Offer", List.of("fast track")))
                .contains(new Trigger(Kind.TAG, "Fast track"));
        // Job 4013: explicit requests only.
        assertThat(triggers.of("4013")).isEmpty();
        assertThat(triggers.fired("4013", "AI Interview", true, "AI Interview", List.of("AI screen"))).isEmpty();
        // Around the colon, spaces do not count.
        assertThat(triggers.of("abc")).isEmpty();
        assertThat(triggers.byJob()).containsKey("abc");
        assertThat(triggers.usesTags()).isTrue();
        // A prospect (no job) is not screened on its new application.
        assertThat(triggers.fired(null, "AI Interview", true, "Application Review", List.of())).isEmpty();
    }

    @Test
    void aJobOverrideAloneKeepsTheConnectionsStageTrigger() {
        ScreenTriggers triggers = DeclaredTriggers.check(ats().jobTriggers(List.of("4012:new-application")).build());

        assertThat(triggers.connection()).containsExactly(Trigger.TRIGGER_STAGE);
        assertThat(triggers.fired("4012", "AI Interview", true, "Application Review", List.of()))
                .contains(new Trigger(Kind.NEW_APPLICATION, null));
        assertThat(triggers.fired("4012", "AI Interview", false, "AI Interview", List.of())).isEmpty();
        assertThat(triggers.fired(null, "AI Interview", false, "AI Interview", List.of())).contains(Trigger.TRIGGER_STAGE);
        assertThat(triggers.usesTags()).isFalse();
    }

    @Test
    void wrongDeclarationsStopTheStartNamingTheSetting() {
        assertThatThrownBy(() -> DeclaredTriggers.check(ats().triggers(List.of("on-tag")).build()))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("atsbridge.connections.gh-acme.triggers has 'on-tag'")
                .hasMessageContaining("stage, stage:<stage name>, new-application or tag:<tag name>");
        assertThatThrownBy(() -> DeclaredTriggers.check(ats().triggers(List.of("tag:")).build()))
                .hasMessageContaining("triggers has 'tag:'");
        assertThatThrownBy(() -> DeclaredTriggers.check(ats().triggers(List.of("tag")).build()))
                .hasMessageContaining("triggers has 'tag'");
        assertThatThrownBy(() -> DeclaredTriggers.check(ats().triggers(List.of("new-application:x")).build()))
                .hasMessageContaining("triggers has 'new-application:x'");
        assertThatThrownBy(() -> DeclaredTriggers.check(ats().triggers(List.of("stage", "STAGE")).build()))
                .hasMessageContaining("triggers lists stage twice");
        assertThatThrownBy(() -> DeclaredTriggers.check(ats().triggers(List.of("none")).build()))
                .hasMessageContaining("triggers has 'none'").hasMessageContaining("<job id>:none in job-triggers");
        assertThatThrownBy(() -> DeclaredTriggers.check(ats().jobTriggers(List.of("new-application")).build()))
                .hasMessageContaining("job-triggers has 'new-application' (expected: <ATS job id>:<trigger>");
        assertThatThrownBy(() -> DeclaredTriggers.check(ats().jobTriggers(List.of(":stage")).build()))
                .hasMessageContaining("job-triggers has ':stage'");
        assertThatThrownBy(() -> DeclaredTriggers.check(ats().jobTriggers(List.of("4012:none", "4012:stage")).build()))
                .hasMessageContaining("job-triggers (job 4012) has none and 1 other trigger(s)");
        assertThatThrownBy(() -> DeclaredTriggers.check(ats().jobTriggers(List.of("4012:stage:AI\u0007Screen")).build()))
                .hasMessageContaining("job-triggers (job 4012) has 'stage:AI?Screen'");
        assertThatThrownBy(() -> DeclaredTriggers.check(ats().triggerStage(null).triggers(List.of("new-application")).build()))
                .hasMessageContaining("triggers is set but no trigger-stage");
        assertThatThrownBy(() -> DeclaredTriggers.check(ats().triggerStage(" ").jobTriggers(List.of("1:none")).build()))
                .hasMessageContaining("job-triggers is set but no trigger-stage");
    }
}
