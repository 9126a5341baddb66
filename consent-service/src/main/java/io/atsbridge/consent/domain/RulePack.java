package io.atsbridge.consent.domain;

import io.atsbridge.platform.startup.MissingConfigurationException;
import io.micronaut.core.annotation.Nullable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An immutable set of jurisdiction rules, read from a CSV file with the columns
 * {@value #HEADER}. The pack is data: changing the law means shipping a new pack (with a new
 * version), not changing code. A pack that cannot be read stops the service at start-up.
 */
public final class RulePack {

    /** The columns a pack must have, in this order. */
    public static final String HEADER =
            "id,jurisdiction,data_category,obligation,value,unit,condition,effective_from,status,citation,"
                    + "obligation_type,effect,actions,consent_methods,all_parties,verify,effective_until,informational_reason";
    /** More rows than this is not a rule pack but a mistake; the bound keeps start-up bounded. */
    static final int MAX_RULES = 10_000;
    private static final List<String> COLUMNS = List.of(HEADER.split(","));
    private static final Pattern RULE_ID = Pattern.compile("[A-Z0-9][A-Z0-9-]{0,31}");
    private static final Pattern OBLIGATION = Pattern.compile("[a-z0-9_.-]{1,100}");

    private final String version;
    private final List<Rule> rules;

    RulePack(String version, List<Rule> rules) {
        this.version = version;
        this.rules = List.copyOf(rules);
    }

    /** The pack's version, e.g. {@code jurisdiction-rules-2026-11}; every decision names it. */
    public String version() {
        return version;
    }

    /** The rule with this id, if the pack has it. */
    public java.util.Optional<Rule> rule(String id) {
        return rules.stream().filter(rule -> rule.id().equals(id)).findFirst();
    }

    /** The rules, in file order. */
    public List<Rule> rules() {
        return rules;
    }

    /**
     * Reads a pack.
     *
     * @param reader  the CSV text
     * @param source  where it came from, for messages (e.g. {@code classpath:rules/x.csv})
     * @param version the version to report
     * @throws MissingConfigurationException naming the record and column when the pack is malformed
     */
    public static RulePack parse(Reader reader, String source, String version) {
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get();
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            if (!parser.getHeaderNames().equals(COLUMNS)) {
                throw invalid(source, "its header is " + String.join(",", parser.getHeaderNames())
                        + " (expected: " + HEADER + ")");
            }
            for (CSVRecord record : parser) {
                if (rules.size() >= MAX_RULES) {
                    throw invalid(source, "it has more than " + MAX_RULES + " rules");
                }
                Rule rule = toRule(record, source);
                if (!ids.add(rule.id())) {
                    throw invalid(source, "record " + record.getRecordNumber() + " repeats rule id " + rule.id());
                }
                rules.add(rule);
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            // commons-csv reports malformed quoting and header problems with these.
            throw invalid(source, "it is not valid CSV (" + oneLine(e.getMessage()) + ")");
        }
        return new RulePack(version, rules);
    }

    private static Rule toRule(CSVRecord record, String source) {
        long number = record.getRecordNumber();
        if (!record.isConsistent()) {
            throw invalid(source, "record " + number + " has " + record.size() + " columns (expected: "
                    + COLUMNS.size() + "; quote values that contain commas)");
        }
        String id = record.get("id");
        String where = "record " + number + " (rule " + id + ")";
        require(RULE_ID.matcher(id).matches(), source, where + ": id '" + id + "' (expected: e.g. IL-06)");
        String jurisdiction = record.get("jurisdiction");
        require(Jurisdictions.CODE.matcher(jurisdiction).matches(), source,
                where + ": jurisdiction '" + jurisdiction + "' (expected: a code like US-IL, EU)");
        List<String> categories = Arrays.asList(record.get("data_category").split("\\|", -1));
        for (String category : categories) {
            require(category.equals(DataCategories.ALL) || DataCategories.isKnown(category), source,
                    where + ": data_category '" + category + "' (expected: * or categories of the vocabulary joined by '|': "
                            + String.join(", ", DataCategories.vocabulary()) + ")");
        }
        String obligation = record.get("obligation");
        require(OBLIGATION.matcher(obligation).matches(), source,
                where + ": obligation '" + obligation + "' (expected: a lower-case name)");
        LocalDate effectiveFrom = null;
        String date = record.get("effective_from");
        if (!date.isEmpty()) {
            try {
                effectiveFrom = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                throw invalid(source, where + ": effective_from '" + date + "' (expected: YYYY-MM-DD or empty)");
            }
        }
        String status = record.get("status");
        require(!status.isEmpty(), source, where + ": status is empty (expected: e.g. in_force, future, repealed_not_in_force)");
        String citation = record.get("citation");
        require(!citation.isEmpty(), source, where + ": citation is empty (expected: the legal source)");
        String value = record.get("value");
        String unit = record.get("unit");
        if (unit.equals(Rule.BUSINESS_DAYS)) {
            require(value.matches("[0-9]{1,3}") && Integer.parseInt(value) <= 366, source,
                    where + ": value '" + value + "' in business_days (expected: a whole number 0..366)");
        }
        ObligationType type = ObligationType.ofCode(record.get("obligation_type"));
        if (type == null) {
            throw invalid(source, where + ": obligation_type '" + record.get("obligation_type") + "' (expected one of: "
                + String.join(", ", java.util.Arrays.stream(ObligationType.values()).map(ObligationType::code).toList()) + ")");
        }
        String reason = record.get("informational_reason");
        boolean informational = type == ObligationType.INFORMATIONAL;
        require(informational == !reason.isEmpty(), source, where + ": informational_reason '" + reason
                + "' (expected: the reason exactly when obligation_type is informational)");
        Effect effect = effect(record.get("effect"), informational, source, where);
        Set<ActionStep> actions = EnumSet.noneOf(ActionStep.class);
        if (!record.get("actions").isEmpty()) {
            for (String code : record.get("actions").split("\\|", -1)) {
                ActionStep step = ActionStep.ofCode(code);
                require(step != null, source, where + ": actions '" + record.get("actions") + "' (expected: steps joined by '|': "
                        + String.join(", ", java.util.Arrays.stream(ActionStep.values()).map(ActionStep::code).toList()) + ")");
                actions.add(step);
            }
        }
        require(informational == actions.isEmpty(), source, where
                + ": actions '" + record.get("actions") + "' (expected: the steps it constrains, empty only when informational)");
        List<ConsentForm> forms = forms(record.get("consent_methods"), source, where);
        require((type == ObligationType.CONSENT) == !forms.isEmpty(), source, where + ": consent_methods '"
                + record.get("consent_methods") + "' (expected: the accepted methods exactly for consent rules)");
        LocalDate until = date(record.get("effective_until"), "effective_until", source, where);
        return new Rule(id, jurisdiction, categories, obligation, value, unit, record.get("condition"),
                effectiveFrom, status, citation, type, effect, actions, forms,
                bool(record.get("all_parties"), "all_parties", source, where),
                bool(record.get("verify"), "verify", source, where), until, reason);
    }

    private static Effect effect(String name, boolean informational, String source, String where) {
        if (name.equals("informational")) {
            require(informational, source, where + ": effect informational needs obligation_type informational");
            return Effect.ALLOW;
        }
        for (Effect effect : Effect.values()) {
            if (effect != Effect.ALLOW && effect.name().toLowerCase(java.util.Locale.ROOT).equals(name)) {
                require(!informational, source, where + ": an informational rule has effect informational");
                return effect;
            }
        }
        throw invalid(source, where + ": effect '" + name
                + "' (expected: deny, require_consent, require_notice, require_human_review or informational)");
    }

    /** {@code written|electronic_signature>=2024-08-02} to forms. */
    private static List<ConsentForm> forms(String text, String source, String where) {
        List<ConsentForm> forms = new ArrayList<>();
        if (text.isEmpty()) {
            return forms;
        }
        for (String part : text.split("\\|", -1)) {
            String[] methodAndSince = part.split(">=", 2);
            ConsentMethod method = null;
            for (ConsentMethod candidate : ConsentMethod.values()) {
                if (candidate.name().toLowerCase(java.util.Locale.ROOT).equals(methodAndSince[0])) {
                    method = candidate;
                }
            }
            if (method == null) {
                throw invalid(source, where + ": consent_methods '" + text
                    + "' (expected: written, electronic_signature, clickwrap, recorded_verbal joined by '|', each "
                    + "optionally with >=YYYY-MM-DD)");
            }
            forms.add(new ConsentForm(method, methodAndSince.length == 2
                    ? date(methodAndSince[1], "consent_methods", source, where) : null));
        }
        return forms;
    }

    @Nullable
    private static LocalDate date(String text, String column, String source, String where) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(source, where + ": " + column + " '" + text + "' (expected: YYYY-MM-DD or empty)");
        }
    }

    private static boolean bool(String text, String column, String source, String where) {
        require(text.equals("true") || text.equals("false"), source, where + ": " + column + " '" + text
                + "' (expected: true or false)");
        return text.equals("true");
    }

    private static void require(boolean condition, String source, String problem) {
        if (!condition) {
            throw invalid(source, problem);
        }
    }

    private static MissingConfigurationException invalid(String source, String problem) {
        return new MissingConfigurationException("rule pack " + source + " cannot be read: " + problem
                + "; fix the pack or point " + RulePackLoader.SETTING + " at a valid one");
    }

    private static String oneLine(@Nullable String message) {
        return message == null ? "" : message.replaceAll("\\s+", " ").trim();
    }
}
