package io.atsbridge.consent.domain;

import io.atsbridge.platform.error.DomainException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Decides whether an action may happen for a candidate, from the rule pack, the request and the
 * candidate's consent ledger. It reads and never writes.
 *
 * <p>A rule applies when its jurisdiction is one of the candidate's or the requisition's places or their
 * ancestors, it decides something (it is not informational), it is not a VERIFY rule the tenant left off,
 * it is in force on the evaluated day in the jurisdiction's local time, it constrains one of the action's
 * steps, and one of its data categories overlaps a requested one (with umbrellas: a rule on
 * {@code personal_data} applies to {@code video}). Each applying rule is reported once per overlapping
 * category, because consents are given per category. The strictest unsatisfied effect wins.
 */
@Singleton
public final class PolicyEngine {

    static final int MAX_JURISDICTIONS = 20;
    static final int MAX_DATA_CATEGORIES = 20;
    /** The rule id under which the confidence floor (a setting, not a law) reports. */
    public static final String CONFIDENCE_FLOOR = "CONFIDENCE-FLOOR";

    private final RulePack pack;
    private final ConsentLedger ledger;
    private final TenantPolicies tenants;
    private final Clock clock;
    private final NoticeCatalogue notices;

    PolicyEngine(RulePack pack, ConsentLedger ledger, TenantPolicies tenants, Clock clock, NoticeCatalogue notices) {
        this.notices = notices;
        this.pack = pack;
        this.ledger = ledger;
        this.tenants = tenants;
        this.clock = clock;
    }

    /**
     * Evaluates the query against the tenant's ledger.
     *
     * @throws DomainException INVALID_ARGUMENT when the query is malformed or names a value outside the vocabulary
     */
    public PolicyDecision evaluate(String tenantId, PolicyQuery query) {
        check(query);
        Instant at = query.evaluateTime() != null ? query.evaluateTime() : clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Match> matches = matches(tenantId, query.action(), query.jurisdictions(), query.requisitionJurisdictions(),
                query.dataCategories(), at);

        boolean readsLedger = matches.stream().anyMatch(m -> m.rule().type() == ObligationType.CONSENT
                || m.rule().type() == ObligationType.NOTICE || m.rule().type() == ObligationType.OPT_OUT);
        List<LedgerEntry> history = readsLedger ? ledger.history(tenantId, query.candidateId(), at) : List.of();

        List<Evaluated> evaluated = new ArrayList<>(matches.size() + 1);
        for (Match match : matches) {
            evaluated.add(new Evaluated(match, evaluate(match, query, history, at)));
        }
        evaluated.sort(Comparator.comparing((Evaluated e) -> e.outcome().ruleId())
                .thenComparing(e -> e.outcome().dataCategory()));

        Effect decision = Effect.ALLOW;
        List<RuleOutcome> outcomes = new ArrayList<>(evaluated.size() + 1);
        Set<MissingConsent> missing = new LinkedHashSet<>();
        for (Evaluated e : evaluated) {
            RuleOutcome outcome = e.outcome();
            outcomes.add(outcome);
            if (outcome.satisfied()) {
                continue;
            }
            if (outcome.effect().stricterThan(decision)) {
                decision = outcome.effect();
            }
            if (outcome.effect() == Effect.REQUIRE_CONSENT) {
                Rule rule = e.match().rule();
                missing.add(new MissingConsent(query.action().purpose(), outcome.dataCategory(), rule.jurisdiction(),
                        rule.consentType(), rule.consentForms().stream().map(ConsentForm::method).distinct().toList(),
                        rule.allParties()));
            }
        }
        RuleOutcome confidence = confidenceOutcome(tenantId, query);
        if (confidence != null) {
            outcomes.add(confidence);
            if (!confidence.satisfied() && confidence.effect().stricterThan(decision)) {
                decision = confidence.effect();
            }
        }
        return new PolicyDecision(decision, outcomes, List.copyOf(missing), pack.version(), earliestTime(decision, outcomes));
    }

    /**
     * The ids of the rules that apply to the action in these places (the candidate's and the requisition's,
     * with their ancestors, as {@link #evaluate} takes them) for these categories at a moment, whatever the
     * candidate's ledger holds: the rules a candidate-facing notice or consent text must speak to.
     *
     * @param at the moment, or null for now
     * @throws DomainException INVALID_ARGUMENT when a place or category is outside the vocabulary
     */
    public Set<String> applicableRuleIds(String tenantId, PolicyAction action, List<String> jurisdictions,
                                         List<String> requisitionJurisdictions, List<String> dataCategories,
                                         @Nullable Instant at) {
        checkScope(jurisdictions, requisitionJurisdictions, dataCategories);
        Set<String> ids = new TreeSet<>();
        for (Match match : matches(tenantId, action, jurisdictions, requisitionJurisdictions, dataCategories,
                at != null ? at : clock.instant())) {
            ids.add(match.rule().id());
        }
        return ids;
    }

    /** The rules that apply, once per overlapping category; see the class comment. */
    private List<Match> matches(String tenantId, PolicyAction action, List<String> jurisdictions,
                                List<String> requisitionJurisdictions, List<String> dataCategories, Instant at) {
        Set<String> places = new LinkedHashSet<>();
        for (String code : jurisdictions) {
            places.addAll(Jurisdictions.withAncestors(code));
        }
        for (String code : requisitionJurisdictions) {
            places.addAll(Jurisdictions.withAncestors(code));
        }
        Set<String> requested = new LinkedHashSet<>(dataCategories);
        Set<ActionStep> steps = action.steps();

        List<Match> matches = new ArrayList<>();
        for (Rule rule : pack.rules()) {
            if (!rule.decides() || !places.contains(rule.jurisdiction()) || !tenants.binds(tenantId, rule)) {
                continue;
            }
            LocalCalendar calendar = LocalCalendar.of(rule.jurisdiction());
            if (!rule.inForceOn(calendar.day(at))) {
                continue;
            }
            Set<ActionStep> gated = EnumSet.noneOf(ActionStep.class);
            gated.addAll(rule.actions());
            gated.retainAll(steps);
            if (gated.isEmpty()) {
                continue;
            }
            for (String category : overlaps(rule, requested)) {
                matches.add(new Match(rule, gated, category, calendar));
            }
        }
        return matches;
    }

    private RuleOutcome evaluate(Match match, PolicyQuery query, List<LedgerEntry> history, Instant at) {
        Rule rule = match.rule();
        return switch (rule.type()) {
            case CONSENT -> consentOutcome(match, query.action().purpose(), history);
            case NOTICE -> noticeOutcome(match, noticePurposes(rule), history, at);
            case HUMAN_REVIEW -> outcome(match, false, "a person must review the outcome before it takes effect"
                    + appliesWhen(rule));
            case PROHIBITION -> outcome(match, false, match.category() + " is prohibited in " + rule.jurisdiction()
                    + appliesWhen(rule) + "; leave it out of the action");
            case BIAS_AUDIT -> biasAuditOutcome(match, query.tool(), at);
            case AUDIT_SUMMARY_PUBLISHED -> summaryOutcome(match, query.tool());
            case RETENTION_LIMIT -> retentionOutcome(match, query.lastInteractionTime(), at);
            case ERASURE_ON_REQUEST -> query.deletionRequestTime() == null || query.deletionRequestTime().isAfter(at)
                    ? outcome(match, true, "no deletion request on record")
                    : outcome(match, false, String.format("the candidate asked for deletion at %s; delete the data (%s %s) "
                    + "instead of keeping it", query.deletionRequestTime(), rule.value(), rule.unit()));
            case SHARING_LIMIT -> query.recipient() == PolicyQuery.Recipient.EVALUATOR
                    ? outcome(match, true, "the recipient evaluates the applicant")
                    : outcome(match, false, match.category() + " may be shared only with those whose expertise or "
                    + "technology is needed to evaluate the applicant (recipient: " + query.recipient() + ")");
            case OPT_OUT -> optOutOutcome(match, history);
            case JOB_POSTING_DISCLOSURE -> query.jobPostingDisclosesAi()
                    ? outcome(match, true, "the job posting discloses the use of AI")
                    : outcome(match, false, "the job posting must disclose that AI is used to screen, assess or select "
                    + "applicants" + appliesWhen(rule) + "; set job_posting_discloses_ai once it does");
            case INFORMATIONAL -> throw new IllegalStateException("informational rule " + rule.id() + " was matched");
        };
    }

    /**
     * When notices are the strictest thing missing and all of them have been given, the moment their
     * waiting periods have all passed; otherwise none (a notice not yet given has no date).
     */
    @Nullable
    private static Instant earliestTime(Effect decision, List<RuleOutcome> outcomes) {
        if (decision != Effect.REQUIRE_NOTICE) {
            return null;
        }
        Instant latest = null;
        for (RuleOutcome outcome : outcomes) {
            if (outcome.satisfied() || outcome.effect() != Effect.REQUIRE_NOTICE) {
                continue;
            }
            if (outcome.earliestTime() == null) {
                return null;
            }
            latest = latest == null || outcome.earliestTime().isAfter(latest) ? outcome.earliestTime() : latest;
        }
        return latest;
    }

    private static void check(PolicyQuery query) {
        ConsentLedger.checkCandidateId("candidate_id", query.candidateId());
        checkScope(query.jurisdictions(), query.requisitionJurisdictions(), query.dataCategories());
        Double confidence = query.resultConfidence();
        DomainException.checkArgument(confidence == null || (confidence >= 0 && confidence <= 1), "CONFIDENCE_INVALID",
                "result_confidence: %s (expected: 0.0..1.0, or unset)", confidence);
    }

    private static void checkScope(List<String> jurisdictions, List<String> requisitionJurisdictions,
                                   List<String> dataCategories) {
        DomainException.checkArgument(!jurisdictions.isEmpty() || !requisitionJurisdictions.isEmpty(),
                "JURISDICTIONS_MISSING", "jurisdictions and requisition_jurisdictions are empty (expected: at least one "
                        + "code like US-IL, US-NY-NYC, EU)");
        DomainException.checkArgument(jurisdictions.size() <= MAX_JURISDICTIONS, "TOO_MANY_JURISDICTIONS",
                "jurisdictions has %s codes (expected: at most %s)", jurisdictions.size(), MAX_JURISDICTIONS);
        DomainException.checkArgument(requisitionJurisdictions.size() <= MAX_JURISDICTIONS, "TOO_MANY_JURISDICTIONS",
                "requisition_jurisdictions has %s codes (expected: at most %s)", requisitionJurisdictions.size(),
                MAX_JURISDICTIONS);
        for (String code : jurisdictions) {
            Jurisdictions.check("jurisdictions", code);
        }
        for (String code : requisitionJurisdictions) {
            Jurisdictions.check("requisition_jurisdictions", code);
        }
        DomainException.checkArgument(!dataCategories.isEmpty(), "DATA_CATEGORIES_MISSING",
                "data_categories is empty (expected: at least one, e.g. video, voice_recording, score)");
        DomainException.checkArgument(dataCategories.size() <= MAX_DATA_CATEGORIES, "TOO_MANY_DATA_CATEGORIES",
                "data_categories has %s entries (expected: at most %s)", dataCategories.size(), MAX_DATA_CATEGORIES);
        for (String category : dataCategories) {
            DataCategories.check("data_categories", category);
        }
    }

    /** The categories through which the rule applies, sorted. */
    private static Set<String> overlaps(Rule rule, Set<String> requested) {
        Set<String> found = new TreeSet<>();
        for (String ruleCategory : rule.dataCategories()) {
            for (String category : requested) {
                DataCategories.overlap(ruleCategory, category).ifPresent(found::add);
            }
        }
        return found;
    }

    /**
     * A consent rule is met when, for every step of the action it constrains, a grant stands: its purpose
     * covers the step, its category covers the matched one, it was captured under the rule's jurisdiction
     * or a place within it, no later withdrawal covers it (a withdrawal under a wider place, a wider
     * category or purpose, or {@code *}, counts), and it has the form the rule asks for.
     */
    private static RuleOutcome consentOutcome(Match match, String purpose, List<LedgerEntry> history) {
        String satisfied = "";
        for (ActionStep step : match.steps()) {
            ConsentFinding finding = consent(match, step, purpose, history);
            if (!finding.met()) {
                return outcome(match, false, finding.detail());
            }
            satisfied = finding.detail();
        }
        return outcome(match, true, satisfied);
    }

    private static ConsentFinding consent(Match match, ActionStep step, String purpose, List<LedgerEntry> history) {
        Rule rule = match.rule();
        LedgerEntry withdrawal = null;
        int from = 0;
        for (int i = 0; i < history.size(); i++) {
            LedgerEntry entry = history.get(i);
            if (entry.state() == ConsentState.WITHDRAWN && reaches(entry, step, match)) {
                withdrawal = entry;
                from = i + 1;
            }
        }
        LedgerEntry wrongForm = null;
        for (LedgerEntry entry : history.subList(from, history.size())) {
            if (entry.state() != ConsentState.GRANTED || !ConsentPurposes.covers(entry.purpose(), step)
                    || !DataCategories.covers(entry.dataCategory(), match.category())
                    || !Jurisdictions.covers(rule.jurisdiction(), entry.jurisdiction())) {
                continue;
            }
            if (hasForm(rule, entry, match.calendar())) {
                return new ConsentFinding(true, String.format("consent for %s / %s granted under %s at %s by %s (entry %s)",
                        entry.purpose(), entry.dataCategory(), entry.jurisdiction(), entry.captureTime(), entry.method(),
                        entry.entryId()));
            }
            wrongForm = entry;
        }
        if (wrongForm != null) {
            return new ConsentFinding(false, String.format("the consent on record (entry %s, %s%s) is not the form %s "
                            + "asks for: %s (accepted methods: %s%s); record a new grant in that form",
                    wrongForm.entryId(), wrongForm.method(), wrongForm.allParties() ? ", all parties" : ", the candidate only",
                    rule.id(), rule.consentType(), rule.consentForms().stream().map(ConsentForm::toString)
                            .collect(Collectors.joining(", ")), rule.allParties() ? "; every party to the recording" : ""));
        }
        if (withdrawal != null) {
            return new ConsentFinding(false, String.format(
                    "consent for %s / %s was withdrawn under %s at %s (entry %s); the action needs a new grant (%s)",
                    withdrawal.purpose(), withdrawal.dataCategory(), withdrawal.jurisdiction(), withdrawal.captureTime(),
                    withdrawal.entryId(), rule.consentType()));
        }
        return new ConsentFinding(false, String.format(
                "no consent on record for purpose %s, data category %s in %s; record a %s consent (%s) before the action",
                purpose, match.category(), rule.jurisdiction(), ConsentState.GRANTED, rule.consentType()));
    }

    /** Whether a ledger entry speaks to the step and matched category of a rule in the rule's place. */
    private static boolean reaches(LedgerEntry entry, ActionStep step, Match match) {
        String place = match.rule().jurisdiction();
        boolean samePlace = entry.jurisdiction().equals(ConsentLedger.EVERYWHERE)
                || Jurisdictions.covers(entry.jurisdiction(), place) || Jurisdictions.covers(place, entry.jurisdiction());
        return samePlace && ConsentPurposes.covers(entry.purpose(), step)
                && DataCategories.covers(entry.dataCategory(), match.category());
    }

    private static boolean hasForm(Rule rule, LedgerEntry entry, LocalCalendar calendar) {
        if (rule.allParties() && !entry.allParties()) {
            return false;
        }
        LocalDate captured = calendar.day(entry.captureTime());
        return rule.consentForms().stream().anyMatch(form -> form.accepts(entry.method(), captured));
    }

    /**
     * The purposes that record a notice for the rule: {@code notice:<notice id>} of every catalogue text that
     * names the rule (so a renumbered pack, with its catalogue updated, keeps the notices given), then the
     * older {@code notice:<rule id>}.
     */
    private List<String> noticePurposes(Rule rule) {
        List<String> purposes = new ArrayList<>();
        for (NoticeTemplate notice : notices.notices()) {
            if (notice.ruleIds().contains(rule.id()) && !purposes.contains(notice.recordPurpose())) {
                purposes.add(notice.recordPurpose());
            }
        }
        purposes.add(ConsentPurposes.notice(rule.id()));
        return purposes;
    }

    /**
     * A notice rule is met by a granted entry with one of the rule's notice purposes; a withdrawn one (a
     * notice recorded in error) cancels the notices of that purpose before it. When the rule sets a waiting
     * period in business days, the first standing notice must be that many business days old, counted in the
     * jurisdiction's local days and working calendar.
     */
    private static RuleOutcome noticeOutcome(Match match, List<String> purposes, List<LedgerEntry> history, Instant at) {
        Rule rule = match.rule();
        Map<String, LedgerEntry> standing = new LinkedHashMap<>();
        for (LedgerEntry entry : history) {
            if (!purposes.contains(entry.purpose())) {
                continue;
            }
            if (entry.state() == ConsentState.WITHDRAWN) {
                standing.remove(entry.purpose());
            } else {
                standing.putIfAbsent(entry.purpose(), entry);
            }
        }
        // History is in capture order, so the earliest standing notice is the first found.
        LedgerEntry first = standing.values().stream().min(Comparator.comparing(LedgerEntry::captureTime)
                .thenComparing(LedgerEntry::seq)).orElse(null);
        if (first == null) {
            return outcome(match, false, "no notice on record; give the notice" + appliesWhen(rule)
                    + " and record it with purpose " + purposes.get(0)
                    + (purposes.size() > 1 ? " (with its notice_version and text_sha256; the older form " + purposes.get(
                    purposes.size() - 1) + " still counts)" : ""));
        }
        LocalCalendar calendar = match.calendar();
        OptionalInt waiting = rule.waitingBusinessDays();
        LocalDate given = calendar.day(first.captureTime());
        if (waiting.isEmpty()) {
            return outcome(match, true, "notice given on " + given + " (" + shown(first) + ")");
        }
        LocalDate day = calendar.day(at);
        long elapsed = BusinessDays.between(given, day, calendar::isBusinessDay);
        if (elapsed >= waiting.getAsInt()) {
            return outcome(match, true, String.format("notice given on %s, %s business days before %s (%s)",
                    given, elapsed, day, shown(first)));
        }
        LocalDate earliest = BusinessDays.after(given, waiting.getAsInt(), calendar::isBusinessDay);
        return outcome(match, false, String.format(
                "notice given on %s, only %s of %s business days before %s; the action may happen from %s (%s)",
                given, elapsed, waiting.getAsInt(), day, earliest, calendar.zone()), calendar.startOf(earliest));
    }

    /** The entry that recorded a notice, and the text it names when recorded by notice id. */
    private static String shown(LedgerEntry entry) {
        NoticeShown shown = entry.noticeShown();
        return "entry " + entry.entryId() + (shown == null ? "" : ", " + entry.purpose() + " version " + shown.version()
                + ", text sha256 " + shown.textSha256());
    }

    /** NYC LL144: no use of the tool once more than the rule's years have passed since its latest bias audit. */
    private static RuleOutcome biasAuditOutcome(Match match, PolicyQuery.@Nullable ToolAudit tool, Instant at) {
        Rule rule = match.rule();
        if (tool == null || tool.biasAuditTime() == null) {
            return outcome(match, false, "no bias audit on record for the tool; record the audit date of the AI vendor "
                    + "connection (at most " + rule.value() + " year old) before using its results");
        }
        LocalCalendar calendar = match.calendar();
        LocalDate audited = calendar.day(tool.biasAuditTime());
        LocalDate today = calendar.day(at);
        LocalDate expires = audited.plusYears(Long.parseLong(rule.value()));
        if (audited.isAfter(today) || today.isAfter(expires)) {
            return outcome(match, false, String.format("the bias audit of tool %s on %s is older than %s year on %s "
                    + "(or dated after it); a new audit is needed", tool.toolId(), audited, rule.value(), today));
        }
        return outcome(match, true, String.format("bias audit of tool %s on %s, valid through %s", tool.toolId(),
                audited, expires));
    }

    private static RuleOutcome summaryOutcome(Match match, PolicyQuery.@Nullable ToolAudit tool) {
        String url = tool == null ? "" : tool.summaryUrl();
        if (isWebAddress(url)) {
            return outcome(match, true, "the bias audit summary is published at " + url);
        }
        return outcome(match, false, "no published bias audit summary on record for the tool (bias_audit_summary_url: '"
                + url + "'); publish it and record its https address before using the tool's results");
    }

    private static boolean isWebAddress(String url) {
        try {
            URI uri = new URI(url);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** BIPA: biometric data may be kept at most the rule's days after the candidate's last interaction. */
    private static RuleOutcome retentionOutcome(Match match, @Nullable Instant lastInteraction, Instant at) {
        Rule rule = match.rule();
        if (lastInteraction == null) {
            return outcome(match, false, "last_interaction_time is unset: " + match.category() + " may be kept at most "
                    + rule.value() + " days after the candidate's last interaction" + appliesWhen(rule)
                    + "; send it to decide");
        }
        Instant deadline = lastInteraction.plus(Duration.ofDays(Long.parseLong(rule.value())));
        if (at.isBefore(deadline)) {
            return outcome(match, true, "may be kept until " + deadline + appliesWhen(rule));
        }
        return outcome(match, false, String.format("%s had to be destroyed by %s (%s days after the last interaction "
                + "at %s); destroy it", match.category(), deadline, rule.value(), lastInteraction));
    }

    /** CCPA ADMT: a standing withdrawal of the step is an opt-out, and the automated use must stop. */
    private static RuleOutcome optOutOutcome(Match match, List<LedgerEntry> history) {
        for (ActionStep step : match.steps()) {
            LedgerEntry latest = null;
            for (LedgerEntry entry : history) {
                if (reaches(entry, step, match)) {
                    latest = entry;
                }
            }
            if (latest != null && latest.state() == ConsentState.WITHDRAWN) {
                return outcome(match, false, String.format("the candidate opted out (%s / %s withdrawn under %s at %s, "
                        + "entry %s); decide without the automated tool", latest.purpose(), latest.dataCategory(),
                        latest.jurisdiction(), latest.captureTime(), latest.entryId()));
            }
        }
        return outcome(match, true, "no opt-out on record");
    }

    /** The confidence floor, for scoring and rejection always (unset counts as low), for write-back when sent. */
    @Nullable
    private RuleOutcome confidenceOutcome(String tenantId, PolicyQuery query) {
        Double confidence = query.resultConfidence();
        boolean judged = query.action() == PolicyAction.AI_SCORING || query.action() == PolicyAction.AUTOMATED_REJECTION
                || (query.action() == PolicyAction.WRITE_BACK && confidence != null);
        if (!judged) {
            return null;
        }
        double floor = tenants.confidenceFloor(tenantId);
        boolean met = confidence != null && confidence >= floor;
        String detail = confidence == null
                ? "result_confidence is unset; an unknown confidence counts as low, so a person must review the result"
                : met ? "result confidence " + confidence + " is at least the floor " + floor
                : "result confidence " + confidence + " is below the floor " + floor + "; a person must review the result";
        return new RuleOutcome(CONFIDENCE_FLOOR, "", query.dataCategories().get(0), "result_confidence_at_least",
                "confidence_floor", "setting atsbridge.consent.min-result-confidence (per tenant: "
                + "atsbridge.consent.tenants.<tenant>.min-result-confidence)", Effect.REQUIRE_HUMAN_REVIEW, met, detail, null);
    }

    private static RuleOutcome outcome(Match match, boolean satisfied, String detail) {
        return outcome(match, satisfied, detail, null);
    }

    private static RuleOutcome outcome(Match match, boolean satisfied, String detail, @Nullable Instant earliestTime) {
        Rule rule = match.rule();
        return new RuleOutcome(rule.id(), rule.jurisdiction(), match.category(), rule.obligation(), rule.type().code(),
                rule.citation(), rule.effect(), satisfied, detail, earliestTime);
    }

    private static String appliesWhen(Rule rule) {
        return rule.condition().isEmpty() ? "" : " (applies when: " + rule.condition() + ")";
    }

    /** A rule that applies, the steps of the action it constrains, the category it matched, and its calendar. */
    private record Match(Rule rule, Set<ActionStep> steps, String category, LocalCalendar calendar) {
    }

    /** A match and what the request and ledger say about it. */
    private record Evaluated(Match match, RuleOutcome outcome) {
    }

    /** Whether a consent is met, and why. */
    private record ConsentFinding(boolean met, String detail) {
    }
}
