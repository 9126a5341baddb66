package io.atsbridge.consent.domain;

import io.atsbridge.platform.startup.MissingConfigurationException;
import io.micronaut.core.io.ResourceResolver;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RulePackTest {

    private static final String SHIPPED = "classpath:rules/jurisdiction-rules-2026-12.csv";

    private static RulePack shipped() {
        return RulePackLoader.load(SHIPPED, new ResourceResolver());
    }

    private static Map<String, Rule> byId(RulePack pack) {
        return pack.rules().stream().collect(Collectors.toMap(Rule::id, Function.identity()));
    }

    private static RulePack parse(String csv) {
        return RulePack.parse(new StringReader(csv), "test.csv", "test");
    }

    @Test
    void loadsTheShippedPackWithItsVersionAndEveryRule() {
        RulePack pack = shipped();
        Map<String, Rule> rules = byId(pack);

        assertThat(pack.version()).isEqualTo("jurisdiction-rules-2026-12");
        assertThat(pack.rules()).hasSize(73);
        assertThat(pack.rules().get(0).id()).isEqualTo("NYC-01");
        assertThat(rules.get("IL-06")).isEqualTo(new Rule("IL-06", "US-IL", List.of("video"),
                "consent_required_before_ai_analysis", "true", "bool", "no AI evaluation without consent",
                LocalDate.of(2020, 1, 1), "in_force", "820 ILCS 42/5(3)", ObligationType.CONSENT, Effect.REQUIRE_CONSENT,
                EnumSet.of(ActionStep.CAPTURE, ActionStep.ANALYSIS, ActionStep.SCORING, ActionStep.WRITE_BACK),
                List.of(new ConsentForm(ConsentMethod.WRITTEN, null), new ConsentForm(ConsentMethod.ELECTRONIC_SIGNATURE, null),
                        new ConsentForm(ConsentMethod.CLICKWRAP, null), new ConsentForm(ConsentMethod.RECORDED_VERBAL, null)),
                false, false, null, ""));
        assertThat(rules.get("IL-01").dataCategories()).containsExactly("biometric.voiceprint", "biometric.face_geometry");
        assertThat(rules.get("NYC-10").dataCategories()).containsExactly("*");
        assertThat(rules.get("NYC-04").citation()).isEqualTo("20-871(b)(1)-(2); 6 RCNY 5-304(a)-(c)");
        assertThat(rules.get("REC-FL").effectiveFrom()).isNull();
        assertThat(rules.get("REC-FL").condition()).isEmpty();
        assertThatThrownBy(() -> pack.rules().add(rules.get("IL-06"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void readsConsentTypesAndWaitingPeriodsFromValueAndUnit() {
        Map<String, Rule> rules = byId(shipped());
        assertThat(rules.get("IL-01").consentType()).isEqualTo("written_release");
        assertThat(rules.get("CA-07").consentType()).isEqualTo("all_parties");
        assertThat(rules.get("EU-02").consentType()).isEqualTo("explicit_consent");
        assertThat(rules.get("IL-06").consentType()).isEqualTo("consent");
        assertThat(rules.get("NYC-04").waitingBusinessDays()).hasValue(10);
        assertThat(rules.get("IL-04").waitingBusinessDays()).isEmpty();
    }

    @Test
    void statusAndEffectiveDateDecideWhenARuleBinds() {
        Map<String, Rule> rules = byId(shipped());
        LocalDate packDate = LocalDate.of(2026, 11, 22);
        assertThat(rules.get("CO-02").inForceOn(packDate)).isFalse();
        assertThat(rules.get("CO-02").inForceOn(LocalDate.of(2026, 12, 31))).isFalse();
        assertThat(rules.get("CO-02").inForceOn(LocalDate.of(2027, 1, 1))).isTrue();
        assertThat(rules.get("EU-15").inForceOn(LocalDate.of(2027, 12, 1))).isFalse();
        assertThat(rules.get("EU-15").inForceOn(LocalDate.of(2027, 12, 2))).isTrue();
        assertThat(rules.get("CO-01").inForceOn(LocalDate.of(2030, 1, 1))).isFalse();
        assertThat(rules.get("IL-10").inForceOn(packDate)).as("in_force(rules proposed)").isTrue();
        assertThat(rules.get("IL-10").inForceOn(LocalDate.of(2025, 12, 31))).isFalse();
        assertThat(rules.get("REC-FL").inForceOn(LocalDate.of(1990, 1, 1))).as("in force, no date").isTrue();
        assertThat(rules.get("CA-01").inForceOn(packDate)).as("in_force(compliance date) 2027-01-01").isFalse();

        Rule proposed = parse(RulePack.HEADER + "\n" + OK.replace(",in_force,", ",proposed,")).rules().get(0);
        Rule undatedFuture = parse(RulePack.HEADER + "\n" + OK.replace(",2020-01-01,in_force,", ",,future,")).rules().get(0);
        Rule sunset = parse(RulePack.HEADER + "\n" + OK.replace(",false,false,,", ",false,false,2026-12-31,")).rules().get(0);
        assertThat(proposed.inForceOn(packDate)).isFalse();
        assertThat(undatedFuture.inForceOn(packDate)).isFalse();
        assertThat(sunset.inForceOn(LocalDate.of(2026, 12, 31))).as("in force on its last day").isTrue();
        assertThat(sunset.inForceOn(LocalDate.of(2027, 1, 1))).as("not after its sunset").isFalse();
    }

    /** A valid notice row. */
    private static final String OK =
            "X-1,US,video,notice_before_use,true,bool,,2020-01-01,in_force,Act 1,notice,require_notice,capture,,false,false,,\n";

    @Test
    void everyRuleDecidesOrSaysWhyNot() {
        RulePack pack = shipped();
        assertThat(pack.rules()).allSatisfy(rule -> {
            if (rule.decides()) {
                assertThat(rule.informationalReason()).as(rule.id()).isEmpty();
                assertThat(rule.actions()).as(rule.id()).isNotEmpty();
                assertThat(rule.effect()).as(rule.id()).isNotEqualTo(Effect.ALLOW);
            } else {
                assertThat(rule.informationalReason()).as(rule.id()).isNotBlank();
            }
        });
        Map<String, Rule> rules = byId(pack);
        for (String id : List.of("NYC-01", "NYC-02", "IL-02", "IL-03", "IL-07", "IL-11", "CA-02", "EU-01", "EU-06")) {
            assertThat(rules.get(id).decides()).as(id).isTrue();
        }
        assertThat(rules.get("IL-01").consentForms()).extracting(ConsentForm::toString)
                .containsExactly("written", "electronic_signature>=2024-08-02");
        assertThat(rules.get("CA-07").allParties()).isTrue();
        assertThat(pack.rules().stream().filter(Rule::verify).map(Rule::id))
                .containsExactlyInAnyOrder("US-02", "CO-02", "CO-03", "CO-04", "CO-05", "CA-02", "CA-05", "CA-06", "EU-18",
                        "CA-ON-02", "CA-ON-03");
        assertThat(pack.rules().stream().filter(r -> r.citation().contains("VERIFY") || r.status().contains("VERIFY")))
                .as("every row whose citation or status says VERIFY is marked").allMatch(Rule::verify);
    }

    @Test
    void readsQuotedValuesAsRealCsv() {
        RulePack pack = parse(RulePack.HEADER + "\n"
                + "X-1,US,video,notice_before_use,true,bool,\"a, b and \"\"c\"\"\",2020-01-01,in_force,\"Act s. 1, 2\","
                + "notice,require_notice,capture,,false,false,,\n");
        assertThat(pack.rules()).singleElement().satisfies(rule -> {
            assertThat(rule.condition()).isEqualTo("a, b and \"c\"");
            assertThat(rule.citation()).isEqualTo("Act s. 1, 2");
        });
    }

    @Test
    void malformedPacksStopStartUpNamingTheProblem() {
        String ok = OK;
        assertInvalid("id,jurisdiction,data_category\n", "its header is id,jurisdiction,data_category");
        assertInvalid("", "its header is");
        assertInvalid(RulePack.HEADER + "\nX-1,US,video,notice_before_use,true,bool,,2020-01-01,in_force\n",
                "record 1 has 9 columns");
        assertInvalid(RulePack.HEADER + "\n" + ok.replace(",video,", ",vidoe,"), "data_category 'vidoe'");
        assertInvalid(RulePack.HEADER + "\n" + ok.replace(",notice,require_notice,", ",notise,require_notice,"),
                "obligation_type 'notise'");
        assertInvalid(RulePack.HEADER + "\n" + ok.replace(",require_notice,", ",allow,"), "effect 'allow'");
        assertInvalid(RulePack.HEADER + "\n" + ok.replace(",capture,", ",capturing,"), "actions 'capturing'");
        assertInvalid(RulePack.HEADER + "\n" + ok.replace(",capture,", ",,"), "empty only when informational");
        assertInvalid(RulePack.HEADER + "\n" + ok.replace(",false,false,,", ",false,false,,because"),
                "informational_reason 'because'");
        assertInvalid(RulePack.HEADER + "\n" + ok.replace(",notice,require_notice,capture,", ",consent,require_consent,capture,"),
                "consent_methods ''");
        assertInvalid(RulePack.HEADER + "\n" + ok.replace(",capture,,", ",capture,signed,"), "consent_methods 'signed'");
        assertInvalid(RulePack.HEADER + "\n" + ok.replace(",false,false,", ",yes,false,"), "all_parties 'yes'");
        assertInvalid(RulePack.HEADER + "\n" + ok.replace("2020-01-01", "2020-13-01"),
                "record 1 (rule X-1): effective_from '2020-13-01'");
        assertInvalid(RulePack.HEADER + "\n" + ok.replace(",US,", ",Illinois,"),
                "jurisdiction 'Illinois'");
        assertInvalid(RulePack.HEADER + "\n" + ok.replace(",video,", ",Video||,"),
                "data_category 'Video'");
        assertInvalid(RulePack.HEADER + "\n" + ok + ok, "record 2 repeats rule id X-1");
        assertInvalid(RulePack.HEADER + "\n" + ok.replace(",in_force,", ",,"), "status is empty");
        assertInvalid(RulePack.HEADER + "\n" + ok.replace(",Act 1", ","), "citation is empty");
        assertInvalid(RulePack.HEADER + "\n" + ok.replace("true,bool", "ten,business_days"),
                "value 'ten' in business_days");
        assertInvalid(RulePack.HEADER + "\n" + ok.replace(",bool,", ",\"bool,"), "not valid CSV");
    }

    @Test
    void aMissingPackStopsStartUpSayingWhatToSet() {
        assertThatThrownBy(() -> RulePackLoader.load("classpath:rules/no-such-pack.csv", new ResourceResolver()))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessage("rule pack 'classpath:rules/no-such-pack.csv' does not exist; set CONSENT_RULE_PACK "
                        + "to a classpath: or file: location of a jurisdiction rule CSV");
    }

    @Test
    void loadsAPackFromAFileAndNamesItsVersionAfterTheFile() throws Exception {
        Path file = Files.createTempFile("jurisdiction-rules-test-", ".csv");
        try {
            Files.writeString(file, RulePack.HEADER + "\n" + OK);
            RulePack pack = RulePackLoader.load("file:" + file, new ResourceResolver());
            String name = file.getFileName().toString();
            assertThat(pack.version()).isEqualTo(name.substring(0, name.length() - ".csv".length()));
            assertThat(pack.rules()).extracting(Rule::id).containsExactly("X-1");
        } finally {
            Files.deleteIfExists(file);
        }
        assertThat(RulePackLoader.versionOf("classpath:rules/jurisdiction-rules-2026-11.csv"))
                .isEqualTo("jurisdiction-rules-2026-11");
        assertThat(RulePackLoader.versionOf("classpath:pack.csv")).isEqualTo("pack");
    }

    private static void assertInvalid(String csv, String problem) {
        assertThatThrownBy(() -> parse(csv))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageStartingWith("rule pack test.csv cannot be read: ")
                .hasMessageContaining(problem)
                .hasMessageEndingWith("; fix the pack or point CONSENT_RULE_PACK at a valid one");
    }
}
