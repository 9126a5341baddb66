package io.atsbridge.consent.domain;

import io.atsbridge.platform.error.DomainException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether an action may happen for a candidate, from the rule pack and the candidate's
 * consent ledger. It reads and never writes.
 *
 * <p>A rule applies when its jurisdiction is one of the requested places or their ancestors, it is
 * in force on the evaluated day (UTC), the engine understands its obligation for the action
 * ({@link Requirement}), and one of its data categories overlaps a requested one. Each applying
 * rule is reported once per overlapping category, because consents are given per category.
 */
@Singleton
public final class PolicyEngine {

    static final int MAX_JURISDICTIONS = 20;
    static final int MAX_DATA_CATEGORIES = 20;

    private final RulePack pack;
    private final ConsentLedger ledger;
    private final Clock clock;

    PolicyEngine(RulePack pack, ConsentLedger ledger, Clock clock) {
        this.pack = pack;
        this.clock = clock;
        this.ledger = ledger;
    }

    /**
     * Evaluates the query against the tenant's ledger.
     *
     * @throws DomainException INVALID_ARGUMENT when the query is malformed
     */
    public PolicyDecision evaluate(String tenantId, PolicyQuery query) {
        check(query);
        Instant at = query.evaluateTime() != null ? query.evaluateTime() : clock.instant().truncatedTo(ChronoUnit.MICROS);
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        Set<String> places = new LinkedHashSet<>();
        for (String code : query.jurisdictions()) {
            places.addAll(Jurisdictions.withAncestors(code));
        }
        Set<String> requested = new LinkedHashSet<>(query.dataCategories());

        List<Match> matches = new ArrayList<>();
        for (Rule rule : pack.rules()) {
            if (!places.contains(rule.jurisdiction()) || !rule.inForceOn(day)) {
                continue;
            }
            Requirement requirement = Requirement.of(rule.obligation()).orElse(null);
            if (requirement == null || !requirement.constrains(query.action())) {
                continue;
            }
            for (String category : overlaps(rule, requirement, requested)) {
                matches.add(new Match(rule, requirement, category));
            }
        }

        boolean readsLedger = matches.stream()
                .anyMatch(m -> m.requirement() == Requirement.CONSENT || m.requirement() == Requirement.NOTICE);
        List<LedgerEntry> history = readsLedger ? ledger.history(tenantId, query.candidateId(), at) : List.of();

        List<Evaluated> evaluated = new ArrayList<>(matches.size());
        for (Match match : matches) {
            evaluated.add(new Evaluated(match, switch (match.requirement()) {
                case CONSENT -> consentOutcome(match, query.action(), history);
                case NOTICE -> noticeOutcome(match, history, day);
                case HUMAN_REVIEW -> outcome(match, false, "a person must review the outcome before it takes effect"
                        + appliesWhen(match.rule()));
                case PROHIBITION -> outcome(match, false, match.category() + " is prohibited in "
                        + match.rule().jurisdiction() + appliesWhen(match.rule()) + "; leave it out of the action");
            }));
        }
        evaluated.sort(Comparator.comparing((Evaluated e) -> e.outcome().ruleId())
                .thenComparing(e -> e.outcome().dataCategory()));

        Effect decision = Effect.ALLOW;
        List<RuleOutcome> outcomes = new ArrayList<>(evaluated.size());
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
                missing.add(new MissingConsent(query.action().purpose(), outcome.dataCategory(),
                        e.match().rule().jurisdiction(), e.match().rule().consentType()));
            }
        }
        return new PolicyDecision(decision, outcomes, List.copyOf(missing), pack.version(), earliestDay(decision, outcomes));
    }

    /**
     * When notices are the strictest thing missing and all of them have been given, the day their
     * waiting periods have all passed; otherwise none (a notice not yet given has no date).
     */
    @Nullable
    private static LocalDate earliestDay(Effect decision, List<RuleOutcome> outcomes) {
        if (decision != Effect.REQUIRE_NOTICE) {
            return null;
        }
        LocalDate latest = null;
        for (RuleOutcome outcome : outcomes) {
            if (outcome.satisfied() || outcome.effect() != Effect.REQUIRE_NOTICE) {
                continue;
            }
            if (outcome.earliestDay() == null) {
                return null;
            }
            latest = latest == null || outcome.earliestDay().isAfter(latest) ? outcome.earliestDay() : latest;
        }
        return latest;
    }

    private static void check(PolicyQuery query) {
        ConsentLedger.checkCandidateId("candidate_id", query.candidateId());
        DomainException.checkArgument(!query.jurisdictions().isEmpty(), "JURISDICTIONS_MISSING",
                "jurisdictions is empty (expected: at least one code like US-IL, US-NY-NYC, EU)");
        DomainException.checkArgument(query.jurisdictions().size() <= MAX_JURISDICTIONS, "TOO_MANY_JURISDICTIONS",
                "jurisdictions has %s codes (expected: at most %s)", query.jurisdictions().size(), MAX_JURISDICTIONS);
        for (String code : query.jurisdictions()) {
            Jurisdictions.check("jurisdictions", code);
        }
        DomainException.checkArgument(!query.dataCategories().isEmpty(), "DATA_CATEGORIES_MISSING",
                "data_categories is empty (expected: at least one, e.g. video, voice_recording, score)");
        DomainException.checkArgument(query.dataCategories().size() <= MAX_DATA_CATEGORIES, "TOO_MANY_DATA_CATEGORIES",
                "data_categories has %s entries (expected: at most %s)", query.dataCategories().size(), MAX_DATA_CATEGORIES);
        for (String category : query.dataCategories()) {
            DataCategories.checkName("data_categories", category);
        }
    }

    /** The categories through which the rule applies, sorted. */
    private static Set<String> overlaps(Rule rule, Requirement requirement, Set<String> requested) {
        Set<String> found = new TreeSet<>();
        if (requirement == Requirement.PROHIBITION) {
            // The prohibition concerns a use of the rule's data (emotion recognition from voice or
            // video), so it fires when that use is asked for, whatever else is captured.
            if (requested.contains(Requirement.EMOTION_RECOGNITION)) {
                found.add(Requirement.EMOTION_RECOGNITION);
            }
            return found;
        }
        for (String ruleCategory : rule.dataCategories()) {
            for (String category : requested) {
                DataCategories.overlap(ruleCategory, category).ifPresent(found::add);
            }
        }
        return found;
    }

    /**
     * A consent rule is met when, among the candidate's entries for the action's purpose, a category
     * containing the matched one, and the rule's jurisdiction or a place within it, the latest is a grant.
     */
    private static RuleOutcome consentOutcome(Match match, PolicyAction action, List<LedgerEntry> history) {
        Rule rule = match.rule();
        String purpose = action.purpose();
        LedgerEntry latest = null;
        for (LedgerEntry entry : history) {
            if (entry.purpose().equals(purpose)
                    && DataCategories.covers(entry.dataCategory(), match.category())
                    && Jurisdictions.covers(rule.jurisdiction(), entry.jurisdiction())) {
                latest = entry;
            }
        }
        if (latest == null) {
            return outcome(match, false, String.format(
                    "no consent on record for purpose %s, data category %s in %s; record a %s consent (%s) before the action",
                    purpose, match.category(), rule.jurisdiction(), ConsentState.GRANTED, rule.consentType()));
        }
        if (latest.state() == ConsentState.GRANTED) {
            return outcome(match, true, String.format("consent for %s / %s granted under %s at %s (entry %s)",
                    purpose, latest.dataCategory(), latest.jurisdiction(), latest.captureTime(), latest.entryId()));
        }
        return outcome(match, false, String.format(
                "consent for %s / %s was withdrawn under %s at %s (entry %s); the action needs a new grant (%s)",
                purpose, latest.dataCategory(), latest.jurisdiction(), latest.captureTime(), latest.entryId(),
                rule.consentType()));
    }

    /**
     * A notice rule is met by a granted entry with purpose {@code notice:<rule id>}; a withdrawn one
     * (a notice recorded in error) cancels the notices before it. When the rule sets a waiting period
     * in business days, the first standing notice must be that many business days old.
     */
    private static RuleOutcome noticeOutcome(Match match, List<LedgerEntry> history, LocalDate day) {
        Rule rule = match.rule();
        String purpose = ConsentLedger.noticePurpose(rule.id());
        LedgerEntry first = null;
        for (LedgerEntry entry : history) {
            if (!entry.purpose().equals(purpose)) {
                continue;
            }
            if (entry.state() == ConsentState.WITHDRAWN) {
                first = null;
            } else if (first == null) {
                first = entry;
            }
        }
        if (first == null) {
            return outcome(match, false, "no notice on record; give the notice" + appliesWhen(rule)
                    + " and record it with purpose " + purpose);
        }
        OptionalInt waiting = rule.waitingBusinessDays();
        LocalDate given = LocalDate.ofInstant(first.captureTime(), ZoneOffset.UTC);
        if (waiting.isEmpty()) {
            return outcome(match, true, "notice given on " + given + " (entry " + first.entryId() + ")");
        }
        long elapsed = BusinessDays.between(given, day);
        if (elapsed >= waiting.getAsInt()) {
            return outcome(match, true, String.format("notice given on %s, %s business days before %s (entry %s)",
                    given, elapsed, day, first.entryId()));
        }
        LocalDate earliest = BusinessDays.after(given, waiting.getAsInt());
        return outcome(match, false, String.format(
                "notice given on %s, only %s of %s business days before %s; the action may happen from %s (UTC)",
                given, elapsed, waiting.getAsInt(), day, earliest), earliest);
    }

    private static RuleOutcome outcome(Match match, boolean satisfied, String detail) {
        return outcome(match, satisfied, detail, null);
    }

    private static RuleOutcome outcome(Match match, boolean satisfied, String detail, @Nullable LocalDate earliestDay) {
        Rule rule = match.rule();
        return new RuleOutcome(rule.id(), rule.jurisdiction(), match.category(), rule.obligation(), rule.citation(),
                match.requirement().effect(), satisfied, detail, earliestDay);
    }

    private static String appliesWhen(Rule rule) {
        return rule.condition().isEmpty() ? "" : " (applies when: " + rule.condition() + ")";
    }

    /** A rule that applies, the requirement it makes, and the category it matched. */
    private record Match(Rule rule, Requirement requirement, String category) {
    }

    /** A match and what the ledger says about it. */
    private record Evaluated(Match match, RuleOutcome outcome) {
    }
}
