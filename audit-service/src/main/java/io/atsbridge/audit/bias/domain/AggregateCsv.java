package io.atsbridge.audit.bias.domain;

import io.atsbridge.platform.error.DomainException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CSV of aggregate counts an auditor uploads: header {@code sex,race_ethnicity,applicants,positives}, one row per
 * combination, an empty sex or race/ethnicity meaning unknown.
 */
final class AggregateCsv {

    static final int MAX_ROWS = 1000;
    static final int MAX_CHARS = 1 << 20;
    private static final String[] HEADER = {"sex", "race_ethnicity", "applicants", "positives"};
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader(HEADER).setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true)
            .get();

    private AggregateCsv() {
    }

    /**
     * The cells of the CSV.
     *
     * @throws DomainException INVALID_ARGUMENT (CSV_INVALID) naming the line and what is wrong in it
     */
    static List<DemographicCell> parse(String csv) {
        DomainException.checkArgument(csv.length() <= MAX_CHARS, "CSV_TOO_LARGE",
                "csv has %s characters (expected: at most %s; split the upload)", csv.length(), MAX_CHARS);
        String firstLine = csv.lines().findFirst().orElse("").strip();
        DomainException.checkArgument(firstLine.equals(String.join(",", HEADER)), "CSV_INVALID",
                "csv line 1 is %s (expected the header: %s)", shown(firstLine), String.join(",", HEADER));
        List<DemographicCell> cells = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(csv)).setFormat(FORMAT).get()) {
            for (CSVRecord record : parser) {
                long line = record.getRecordNumber() + 1;
                DomainException.checkArgument(cells.size() < MAX_ROWS, "CSV_INVALID",
                        "csv has more than %s rows (expected: one per sex and race/ethnicity, at most %s)",
                        MAX_ROWS, MAX_ROWS);
                DomainException.checkArgument(record.size() == HEADER.length, "CSV_INVALID",
                        "csv line %s has %s fields (expected: %s, %s)", line, record.size(), HEADER.length,
                        String.join(",", HEADER));
                Sex sex = record.get(0).isEmpty() ? null : parseEnum(Sex.class, record.get(0), line, "sex");
                RaceEthnicity race = record.get(1).isEmpty() ? null
                        : parseEnum(RaceEthnicity.class, record.get(1), line, "race_ethnicity");
                long applicants = count(record.get(2), line, "applicants");
                long positives = count(record.get(3), line, "positives");
                DomainException.checkArgument(positives <= applicants, "CSV_INVALID",
                        "csv line %s has %s positives of %s applicants (expected: positives <= applicants)", line,
                        positives, applicants);
                cells.add(new DemographicCell(sex, race, applicants, positives));
            }
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            // Malformed CSV (an unclosed quote, a stray character after one) as commons-csv reports it.
            throw DomainException.invalidArgument("CSV_INVALID", "csv is not valid CSV (RFC 4180): %s", e.getMessage());
        }
        DomainException.checkArgument(!cells.isEmpty(), "CSV_INVALID", "csv has no rows after its header "
                + "(expected: counts per sex and race/ethnicity)");
        return cells;
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, long line, String column) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                names.add(constant.name());
            }
            throw DomainException.invalidArgument("CSV_INVALID", "csv line %s has %s %s (expected: one of %s, or empty "
                    + "for unknown)", line, column, shown(value), String.join(", ", names));
        }
    }

    private static long count(String value, long line, String column) {
        try {
            long count = Long.parseLong(value);
            if (count >= 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw DomainException.invalidArgument("CSV_INVALID", "csv line %s has %s %s (expected: a whole number >= 0)",
                line, column, shown(value));
    }

    private static String shown(String value) {
        return '"' + (value.length() <= 40 ? value : value.substring(0, 40) + "...") + '"';
    }
}
