package io.atsbridge.consent.domain;

import io.atsbridge.platform.error.DomainException;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.io.ResourceResolver;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.text.StringSubstitutor;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The candidate-facing notices and consent texts, versioned and per language, each naming the rules of
 * the rule pack it satisfies. The catalogue is {@value #CATALOGUE} (one row per notice id, version and
 * language, with the columns {@value #HEADER}); each row's text is {@code notices/<notice id>/<version>.<language>.txt}
 * with {@code ${variable}} placeholders, filled by Apache Commons Text's {@link StringSubstitutor}.
 *
 * <p>A catalogue that does not fit the rule pack (a rule id the pack lacks, a placeholder no row declares,
 * a declared variable the text never uses, a duplicate version) stops the service at start-up: a renumbered
 * pack must come with a catalogue that names the new ids, never with notices that silently stop counting.
 */
public final class NoticeCatalogue {

    /** Where the catalogue lives on the class path. */
    static final String CATALOGUE = "classpath:notices/notices.csv";
    /** The catalogue's columns, in this order. */
    static final String HEADER = "notice_id,version,language,jurisdiction,kind,title,rule_ids,variables,candidate_fields,source";
    /** The language served when the one asked for has no text. */
    public static final String DEFAULT_LANGUAGE = "en";
    static final int MAX_NOTICES = 1_000;
    static final int MAX_VARIABLES = 50;
    static final int MAX_VALUE_LENGTH = 2_000;
    static final int MAX_TEXT_LENGTH = 100_000;
    /** {@code <place>.<name>[.<part>]}; at most 82 characters, so {@code notice:<notice id>} fits a purpose. */
    static final Pattern NOTICE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,15}(\\.[a-z0-9][a-z0-9-]{0,31}){1,2}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,47}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Z]{2})?");
    private static final List<String> COLUMNS = List.of(HEADER.split(","));

    private final List<NoticeTemplate> notices;
    private final Set<String> vocabulary;

    NoticeCatalogue(List<NoticeTemplate> notices) {
        this.notices = List.copyOf(notices);
        Set<String> names = new TreeSet<>();
        notices.forEach(notice -> names.addAll(notice.variables()));
        this.vocabulary = Set.copyOf(names);
    }

    /** Every entry, in catalogue order. */
    public List<NoticeTemplate> notices() {
        return notices;
    }

    /**
     * The newest version of each notice whose rules include one of the given rule ids, in the language asked
     * for or else {@value #DEFAULT_LANGUAGE}, ordered by notice id.
     */
    public List<NoticeTemplate> satisfying(Set<String> ruleIds, String language) {
        Set<String> ids = new TreeSet<>();
        for (NoticeTemplate notice : notices) {
            if (notice.ruleIds().stream().anyMatch(ruleIds::contains)) {
                ids.add(notice.noticeId());
            }
        }
        List<NoticeTemplate> found = new ArrayList<>(ids.size());
        for (String id : ids) {
            find(id, 0, language).ifPresent(found::add);
        }
        return found;
    }

    /**
     * The entry with this id and version (0: the newest) in the language asked for, else in
     * {@value #DEFAULT_LANGUAGE}.
     *
     * @throws DomainException INVALID_ARGUMENT (NOTICE_UNKNOWN) when the catalogue has no such notice or version
     */
    public NoticeTemplate get(String noticeId, int version, String language) {
        DomainException.checkArgument(!noticeId.isEmpty(), "NOTICE_ID_MISSING",
                "notice_id is empty (expected: a notice id from ListNotices, e.g. us-ny-nyc.ll144-aedt-notice)");
        checkLanguage(language);
        DomainException.checkArgument(version >= 0, "NOTICE_UNKNOWN", "version: %s (expected: 0 for the newest, or a "
                + "version from 1)", version);
        return find(noticeId, version, language).orElseThrow(() -> {
            boolean known = notices.stream().anyMatch(notice -> notice.noticeId().equals(noticeId));
            return DomainException.invalidArgument("NOTICE_UNKNOWN", known
                            ? "notice %s has no version %s (expected one of: %s)"
                            : "notice id '%s' is not in the notice catalogue%s (expected one of: %s)",
                    noticeId, known ? version : "", known ? versions(noticeId) : String.join(", ", ids()));
        });
    }

    /**
     * Renders the entry with the caller's variables. Every variable the entry declares must be given and
     * non-blank; names outside the catalogue's vocabulary are refused (a misspelt name would otherwise
     * leave a blank); names the entry does not use are ignored, so a caller may send one set for every notice.
     * Values are inserted as they are: a {@code ${...}} inside a value is not substituted again.
     *
     * @throws DomainException INVALID_ARGUMENT (NOTICE_VARIABLES_INVALID) naming what to fix
     */
    public RenderedNotice render(NoticeTemplate notice, Map<String, String> variables) {
        DomainException.checkArgument(variables.size() <= MAX_VARIABLES, "NOTICE_VARIABLES_INVALID",
                "variables has %s entries (expected: at most %s)", variables.size(), MAX_VARIABLES);
        Set<String> unknown = new TreeSet<>(variables.keySet());
        unknown.removeAll(vocabulary);
        DomainException.checkArgument(unknown.isEmpty(), "NOTICE_VARIABLES_INVALID",
                "variables %s are not notice variables (expected names from: %s)", unknown, String.join(", ", vocabulary));
        Set<String> missing = new TreeSet<>();
        for (String name : notice.variables()) {
            String value = variables.get(name);
            if (value == null || value.isBlank()) {
                missing.add(name);
            } else {
                DomainException.checkArgument(value.length() <= MAX_VALUE_LENGTH, "NOTICE_VARIABLES_INVALID",
                        "variables[%s] has %s characters (expected: at most %s)", name, value.length(), MAX_VALUE_LENGTH);
            }
        }
        DomainException.checkArgument(missing.isEmpty(), "NOTICE_VARIABLES_INVALID",
                "notice %s version %s needs the variables %s (send them in variables, e.g. from the AI vendor "
                        + "connection's consent settings)", notice.noticeId(), notice.version(), missing);
        StringSubstitutor substitutor = new StringSubstitutor(variables);
        substitutor.setDisableSubstitutionInValues(true);
        String text = substitutor.replace(notice.template());
        return new RenderedNotice(notice, text, sha256(text));
    }

    /**
     * Checks that a notice entry names a text the catalogue has: the notice and version exist, and rendering
     * that version (in any of its languages) with the caller's variables gives the hash recorded.
     *
     * @return the text shown
     * @throws DomainException INVALID_ARGUMENT (NOTICE_UNKNOWN, NOTICE_VARIABLES_INVALID, TEXT_SHA256_INVALID,
     *                         TEXT_SHA256_MISMATCH) saying what to fix
     */
    public NoticeTemplate checkShown(String noticeId, NoticeShown shown, Map<String, String> variables) {
        DomainException.checkArgument(shown.version() >= 1, "NOTICE_VERSION_MISSING", "consent.notice_version: %s "
                + "(expected: the version of notice %s shown, from GetNotice)", shown.version(), noticeId);
        DomainException.checkArgument(SHA256_HEX.matcher(shown.textSha256()).matches(), "TEXT_SHA256_INVALID",
                "consent.text_sha256: '%s' (expected: 64 lower-case hex digits, the text_sha256 GetNotice returned)",
                shown.textSha256());
        get(noticeId, shown.version(), DEFAULT_LANGUAGE);
        for (NoticeTemplate notice : notices) {
            if (notice.noticeId().equals(noticeId) && notice.version() == shown.version()
                    && render(notice, variables).textSha256().equals(shown.textSha256())) {
                return notice;
            }
        }
        throw DomainException.invalidArgument("TEXT_SHA256_MISMATCH", "consent.text_sha256 %s is not the SHA-256 of "
                + "notice %s version %s rendered with notice_variables; send the text_sha256 GetNotice returned for the "
                + "text shown, with the same variables", shown.textSha256(), noticeId, shown.version());
    }

    /** The lower-case hex SHA-256 of the text's UTF-8 bytes. */
    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private Optional<NoticeTemplate> find(String noticeId, int version, String language) {
        Optional<NoticeTemplate> inLanguage = newest(noticeId, version, language);
        return inLanguage.isPresent() ? inLanguage : newest(noticeId, version, DEFAULT_LANGUAGE);
    }

    private Optional<NoticeTemplate> newest(String noticeId, int version, String language) {
        return notices.stream()
                .filter(notice -> notice.noticeId().equals(noticeId) && notice.language().equals(language)
                        && (version == 0 || notice.version() == version))
                .max(Comparator.comparingInt(NoticeTemplate::version));
    }

    private Set<String> ids() {
        Set<String> ids = new TreeSet<>();
        notices.forEach(notice -> ids.add(notice.noticeId()));
        return ids;
    }

    private String versions(String noticeId) {
        return String.join(", ", notices.stream().filter(notice -> notice.noticeId().equals(noticeId))
                .map(notice -> notice.version() + " (" + notice.language() + ")").toList());
    }

    /** Throws INVALID_ARGUMENT (LANGUAGE_INVALID) unless the tag is empty or like {@code en}, {@code de-AT}. */
    static void checkLanguage(String language) {
        DomainException.checkArgument(language.isEmpty() || LANGUAGE.matcher(language).matches(), "LANGUAGE_INVALID",
                "language: '%s' (expected: a BCP 47 language tag like en or de-AT, or empty for %s)",
                language, DEFAULT_LANGUAGE);
    }

    /**
     * Reads the catalogue and its texts and checks them against the pack.
     *
     * @throws MissingConfigurationException naming the row and what is wrong
     */
    static NoticeCatalogue load(RulePack pack, ResourceResolver resolver) {
        List<NoticeTemplate> notices = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        try (Reader reader = reader(resolver, CATALOGUE);
             CSVParser parser = CSVParser.builder().setReader(reader).setFormat(CSVFormat.RFC4180.builder().setHeader()
                     .setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).get()).get()) {
            require(parser.getHeaderNames().equals(COLUMNS), "header " + parser.getHeaderNames() + " (expected: " + HEADER + ")");
            for (CSVRecord record : parser) {
                require(notices.size() < MAX_NOTICES, "more than " + MAX_NOTICES + " rows");
                NoticeTemplate notice = toNotice(record, pack, resolver);
                require(keys.add(notice.noticeId() + "/" + notice.version() + "/" + notice.language()),
                        "line " + record.getRecordNumber() + ": " + notice.noticeId() + " version " + notice.version()
                                + " (" + notice.language() + ") appears twice; a changed text is a new version");
                notices.add(notice);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof MissingConfigurationException missing) {
                throw missing;
            }
            throw invalid(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return new NoticeCatalogue(notices);
    }

    private static NoticeTemplate toNotice(CSVRecord record, RulePack pack, ResourceResolver resolver) throws IOException {
        String where = "line " + record.getRecordNumber();
        String id = record.get("notice_id");
        require(NOTICE_ID.matcher(id).matches(), where + ": notice_id '" + id + "' (expected: <jurisdiction>.<name> in "
                + "lower case, e.g. us-ny-nyc.ll144-aedt-notice)");
        int version;
        try {
            version = Integer.parseInt(record.get("version"));
        } catch (NumberFormatException e) {
            version = 0;
        }
        require(version >= 1, where + ": version '" + record.get("version") + "' (expected: a whole number from 1)");
        String language = record.get("language");
        require(LANGUAGE.matcher(language).matches(), where + ": language '" + language + "' (expected: e.g. en, de-AT)");
        String jurisdiction = record.get("jurisdiction");
        require(Jurisdictions.CODE.matcher(jurisdiction).matches(), where + ": jurisdiction '" + jurisdiction + "'");
        NoticeKind kind = Arrays.stream(NoticeKind.values()).filter(k -> k.code().equals(record.get("kind"))).findFirst()
                .orElseThrow(() -> invalid(where + ": kind '" + record.get("kind") + "' (expected: notice or consent)"));
        List<String> ruleIds = list(record.get("rule_ids"));
        require(!ruleIds.isEmpty(), where + ": rule_ids is empty (expected: the rules the text satisfies)");
        for (String ruleId : ruleIds) {
            Rule rule = pack.rule(ruleId).orElseThrow(() -> invalid(where + ": rule " + ruleId + " is not in rule pack "
                    + pack.version() + "; name the pack's id for the rule the text satisfies"));
            require(Jurisdictions.covers(jurisdiction, rule.jurisdiction()) || Jurisdictions.covers(rule.jurisdiction(), jurisdiction),
                    where + ": rule " + ruleId + " is for " + rule.jurisdiction() + ", not " + jurisdiction);
        }
        List<String> variables = list(record.get("variables"));
        List<String> fields = list(record.get("candidate_fields"));
        for (String name : concat(variables, fields)) {
            require(NAME.matcher(name).matches(), where + ": name '" + name + "' (expected: lower_snake_case)");
        }
        String path = "classpath:notices/" + id + "/" + version + "." + language + ".txt";
        String template;
        try (Reader reader = reader(resolver, path)) {
            // Line ends are normalised, so the hash of a text does not depend on how it was checked out.
            template = read(reader).replace("\r\n", "\n");
        }
        Set<String> used = new TreeSet<>();
        new StringSubstitutor(name -> {
            used.add(name);
            return "";
        }).replace(template);
        require(used.equals(new TreeSet<>(variables)), path + ": uses the variables " + used + " but " + where
                + " declares " + new TreeSet<>(variables) + " (expected: the same)");
        return new NoticeTemplate(id, version, language, jurisdiction, kind, record.get("title"), ruleIds, variables,
                fields, record.get("source"), template);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static List<String> list(String cell) {
        return cell.isBlank() ? List.of() : List.of(cell.split("\\|"));
    }

    private static Reader reader(ResourceResolver resolver, String location) {
        InputStream in = resolver.getResourceAsStream(location)
                .orElseThrow(() -> invalid(location + " does not exist"));
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    private static String read(Reader reader) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[4096];
        for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
            text.append(buffer, 0, n);
            require(text.length() <= MAX_TEXT_LENGTH, "a notice text is longer than " + MAX_TEXT_LENGTH + " characters");
        }
        return text.toString();
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw invalid(problem);
        }
    }

    private static MissingConfigurationException invalid(@Nullable String problem) {
        return new MissingConfigurationException("notice catalogue " + CATALOGUE + " cannot be read: "
                + (problem == null ? "" : problem)
                + "; fix the catalogue or its texts under notices/");
    }
}
