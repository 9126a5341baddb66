package io.atsbridge.consent.domain;

import io.atsbridge.platform.startup.MissingConfigurationException;
import io.micronaut.core.io.ResourceResolver;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RulePackTest {

    private static final String SHIPPED = "classpath:rules/jurisdiction-rules-2026-11.csv";

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

        assertThat(pack.version()).isEqualTo("jurisdiction-rules-2026-11");
        assertThat(pack.rules()).hasSize(73);
        assertThat(pack.rules().get(0).id()).isEqualTo("NYC-01");
        assertThat(rules.get("IL-06")).isEqualTo(new Rule("IL-06", "US-IL", List.of("video"),
                "consent_required_before_ai_analysis", "true", "bool", "no AI evaluation without consent",
                LocalDate.of(2020, 1, 1), "in_force", "820 ILCS 42/5(3)"));
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

        Rule proposed = new Rule("X-1", "US", List.of("video"), "notice_before_use", "true", "bool", "",
                LocalDate.of(2020, 1, 1), "proposed", "somewhere");
        Rule undatedFuture = new Rule("X-2", "US", List.of("video"), "notice_before_use", "true", "bool", "",
                null, "future", "somewhere");
        assertThat(proposed.inForceOn(packDate)).isFalse();
        assertThat(undatedFuture.inForceOn(packDate)).isFalse();
    }

    @Test
    void readsQuotedValuesAsRealCsv() {
        RulePack pack = parse(RulePack.HEADER + "\n"
                + "X-1,US,video,notice_before_use,true,bool,\"a, b and \"\"c\"\"\",2020-01-01,in_force,\"Act s. 1, 2\"\n");
        assertThat(pack.rules()).singleElement().satisfies(rule -> {
            assertThat(rule.condition()).isEqualTo("a, b and \"c\"");
            assertThat(rule.citation()).isEqualTo("Act s. 1, 2");
        });
    }

    @Test
    void malformedPacksStopStartUpNamingTheProblem() {
        String ok = "X-1,US,video,notice_before_use,true,bool,,2020-01-01,in_force,Act 1\n";
        assertInvalid("id,jurisdiction,data_category\n", "its header is id,jurisdiction,data_category");
        assertInvalid("", "its header is");
        assertInvalid(RulePack.HEADER + "\nX-1,US,video,notice_before_use,true,bool,,2020-01-01,in_force\n",
                "record 1 has 9 columns");
        assertInvalid(RulePack.HEADER + "\n" + ok.replace("2020-01-01", "2020-13-01"),
                "record 1 (rule X-1): effective_from '2020-13-01'");
        assertInvalid(RulePack.HEADER + "\n" + ok.replace(",US,", ",Illinois,"),
                "jurisdiction 'Illinois'");
        assertInvalid(RulePack.HEADER + "\n" + ok.replace(",video,", ",Video||,"),
                "data_category 'Video||'");
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
            Files.writeString(file, RulePack.HEADER + "\nX-1,US,video,notice_before_use,true,bool,,,in_force,Act 1\n");
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
