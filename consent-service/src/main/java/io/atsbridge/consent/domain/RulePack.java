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
            "id,jurisdiction,data_category,obligation,value,unit,condition,effective_from,status,citation";
    /** More rows than this is not a rule pack but a mistake; the bound keeps start-up bounded. */
    static final int MAX_RULES = 10_000;
    private static final List<String> COLUMNS = List.of(HEADER.split(","));
    private static final Pattern RULE_ID = Pattern.compile("[A-Z0-9][A-Z0-9-]{0,31}");
    private static final Pattern RULE_CATEGORY = Pattern.compile("\\*|[a-z0-9_]+(\\.[a-z0-9_]+)*");
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
            require(category.length() <= DataCategories.MAX_LENGTH && RULE_CATEGORY.matcher(category).matches(), source,
                    where + ": data_category '" + record.get("data_category")
                            + "' (expected: categories like video or biometric.voiceprint joined by '|', or *)");
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
        return new Rule(id, jurisdiction, categories, obligation, value, unit, record.get("condition"),
                effectiveFrom, status, citation);
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
