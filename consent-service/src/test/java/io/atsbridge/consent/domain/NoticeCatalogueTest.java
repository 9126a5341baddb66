package io.atsbridge.consent.domain;

import io.atsbridge.platform.error.DomainException;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.micronaut.core.io.ResourceResolver;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoticeCatalogueTest {

    private static final RulePack PACK =
            RulePackLoader.load("classpath:rules/jurisdiction-rules-2026-12.csv", new ResourceResolver());
    private static final NoticeCatalogue CATALOGUE = NoticeCatalogue.load(PACK, new ResourceResolver());

    @Test
    void everyJurisdictionTheIssueNamesHasItsText() {
        assertThat(CATALOGUE.notices()).extracting(NoticeTemplate::noticeId).containsExactlyInAnyOrder(
                "us-ny-nyc.ll144-aedt-notice", "us-il.aivia-notice-and-consent", "us-il.bipa-written-release",
                "us-md.facial-recognition-waiver", "eu.ai-act-art50-disclosure", "eu.gdpr-art13-art22-information");
        NoticeTemplate ll144 = CATALOGUE.get("us-ny-nyc.ll144-aedt-notice", 0, "en");
        assertThat(ll144.ruleIds()).containsExactly("NYC-04");
        assertThat(ll144.kind()).isEqualTo(NoticeKind.NOTICE);
        assertThat(ll144.recordPurpose()).isEqualTo("notice:us-ny-nyc.ll144-aedt-notice");
        assertThat(ll144.variables()).contains("tool_name", "vendor_name", "data_categories", "bias_audit_date",
                "bias_audit_summary_url", "data_retention_policy", "job_qualifications", "alternative_process_contact");
        assertThat(CATALOGUE.get("us-md.facial-recognition-waiver", 1, "en").candidateFields())
                .contains("consents_to_facial_recognition", "has_read_waiver");
        assertThat(CATALOGUE.get("us-il.bipa-written-release", 1, "en").ruleIds()).contains("IL-01");
        assertThat(CATALOGUE.get("us-il.aivia-notice-and-consent", 1, "en").ruleIds()).containsExactly("IL-04", "IL-05", "IL-06");
        assertThat(CATALOGUE.get("eu.ai-act-art50-disclosure", 1, "en").ruleIds()).containsExactly("EU-11");
    }

    @Test
    void everyTextRendersWithEveryValueAndTheHashOfWhatIsShown() throws Exception {
        Map<String, String> variables = NoticeFixtures.allVariables();
        for (NoticeTemplate notice : CATALOGUE.notices()) {
            RenderedNotice rendered = CATALOGUE.render(notice, variables);
            assertThat(rendered.text()).doesNotContain("${");
            for (String name : notice.variables()) {
                assertThat(rendered.text()).as(notice.noticeId() + " shows " + name).contains(variables.get(name));
            }
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(rendered.text().getBytes(StandardCharsets.UTF_8)));
            assertThat(rendered.textSha256()).isEqualTo(expected);
        }
        RenderedNotice ll144 = CATALOGUE.render(CATALOGUE.get("us-ny-nyc.ll144-aedt-notice", 1, "en"), variables);
        assertThat(ll144.text()).contains("automated employment decision tool", "alternative selection process",
                "reasonable accommodation", "10 business days");
    }

    @Test
    void aValueIsShownAsGivenNeverSubstitutedAgain() {
        Map<String, String> variables = NoticeFixtures.allVariables();
        variables.put("tool_name", "${vendor_name}");
        RenderedNotice rendered = CATALOGUE.render(CATALOGUE.get("eu.ai-act-art50-disclosure", 1, "en"), variables);
        assertThat(rendered.text()).contains("conducted by ${vendor_name}, an artificial intelligence system");
    }

    @Test
    void theHashChangesWithAnyValue() {
        NoticeTemplate notice = CATALOGUE.get("eu.ai-act-art50-disclosure", 1, "en");
        Map<String, String> other = NoticeFixtures.allVariables();
        other.put("employer_name", "Acme Corp.");
        assertThat(CATALOGUE.render(notice, other).textSha256())
                .isNotEqualTo(CATALOGUE.render(notice, NoticeFixtures.allVariables()).textSha256());
    }

    @Test
    void missingBlankUnknownAndOverlongVariablesAreRefusedNamingThem() {
        NoticeTemplate notice = CATALOGUE.get("us-ny-nyc.ll144-aedt-notice", 1, "en");
        Map<String, String> missing = NoticeFixtures.allVariables();
        missing.remove("bias_audit_date");
        missing.put("bias_audit_summary_url", " ");
        assertRejected(() -> CATALOGUE.render(notice, missing), "NOTICE_VARIABLES_INVALID",
                "needs the variables [bias_audit_date, bias_audit_summary_url]");
        Map<String, String> unknown = NoticeFixtures.allVariables();
        unknown.put("tool_nmae", "x");
        assertRejected(() -> CATALOGUE.render(notice, unknown), "NOTICE_VARIABLES_INVALID",
                "variables [tool_nmae] are not notice variables");
        Map<String, String> overlong = NoticeFixtures.allVariables();
        overlong.put("tool_name", "x".repeat(NoticeCatalogue.MAX_VALUE_LENGTH + 1));
        assertRejected(() -> CATALOGUE.render(notice, overlong), "NOTICE_VARIABLES_INVALID",
                "variables[tool_name] has 2001 characters");
    }

    @Test
    void unknownNoticesAndVersionsAreRefusedListingWhatExists() {
        assertRejected(() -> CATALOGUE.get("us-ny-nyc.no-such-notice", 0, "en"), "NOTICE_UNKNOWN",
                "notice id 'us-ny-nyc.no-such-notice' is not in the notice catalogue");
        assertRejected(() -> CATALOGUE.get("us-ny-nyc.ll144-aedt-notice", 7, "en"), "NOTICE_UNKNOWN",
                "notice us-ny-nyc.ll144-aedt-notice has no version 7 (expected one of: 1 (en))");
        assertRejected(() -> CATALOGUE.get("", 0, "en"), "NOTICE_ID_MISSING", "notice_id is empty");
        assertRejected(() -> CATALOGUE.get("us-ny-nyc.ll144-aedt-notice", 0, "english!"), "LANGUAGE_INVALID",
                "language: 'english!'");
    }

    @Test
    void aLanguageWithoutTextIsServedInEnglish() {
        assertThat(CATALOGUE.get("eu.ai-act-art50-disclosure", 0, "de").language()).isEqualTo("en");
    }

    @Test
    void satisfyingFindsTheNewestTextForEachRule() {
        assertThat(CATALOGUE.satisfying(java.util.Set.of("NYC-04", "IL-01", "XX-99"), "en"))
                .extracting(NoticeTemplate::noticeId)
                .containsExactly("us-il.bipa-written-release", "us-ny-nyc.ll144-aedt-notice");
    }

    @Test
    void aPackWithoutARuleTheCatalogueNamesStopsStartUp() {
        RulePack renumbered = RulePack.parse(new StringReader(RulePack.HEADER + "\n"), "renumbered.csv", "renumbered");
        assertThatThrownBy(() -> NoticeCatalogue.load(renumbered, new ResourceResolver()))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("is not in rule pack renumbered; name the pack's id for the rule the text satisfies")
                .hasMessageEndingWith("; fix the catalogue or its texts under notices/");
    }

    private static void assertRejected(Runnable call, String reason, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
