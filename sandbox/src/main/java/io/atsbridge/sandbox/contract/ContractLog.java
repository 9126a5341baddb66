package io.atsbridge.sandbox.contract;

import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What the sandbox's contract checks found: every exchange a simulator serves is {@link #record recorded} here by
 * the server's contract filter, checked against its API's contract, and its violations kept until {@link #clear()}.
 * Exchanges of APIs without a contract, and endpoints a partial contract does not list, are counted as unchecked
 * ({@link #coverage()}), so a missing contract shows instead of passing silently. The first violation of each kind
 * is also logged (WARN), and a summary when the sandbox stops, so a test run that does not assert on them still
 * shows every divergence in its output. Thread-safe.
 */
@Singleton
public final class ContractLog {

    /** At most this many violations are kept (a runaway loop must not fill the heap); later ones are counted. */
    static final int MAX_VIOLATIONS = 10_000;

    // A path segment that is an id, written {id} in coverage keys: a number, a UUID, or a token with several digits
    // (iv_00000001); a version such as v1 or v3 stays.
    private static final Pattern ID_SEGMENT = Pattern.compile("\\d+|[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}"
            + "|(?=.{4,})[^/]*\\d[^/]*\\d[^/]*");

    private static final Logger LOG = LoggerFactory.getLogger(ContractLog.class);

    private final ContractChecker checker;
    private final boolean enabled;
    private final List<ContractViolation> violations = new ArrayList<>();
    private final Map<String, Integer> unchecked = new TreeMap<>();
    private final Map<String, Integer> checked = new TreeMap<>();
    private final Set<String> kindsLogged = new HashSet<>();
    private long dropped;

    ContractLog(ContractChecker checker, ContractSettings settings) {
        this.checker = checker;
        this.enabled = settings.enabled();
    }

    /** Whether exchanges are checked at all ({@code atsbridge.sandbox.contracts.enabled}, default true). */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Checks one exchange the sandbox served and keeps what it found.
     *
     * @param path        the request path as served, e.g. {@code /lever/v1/opportunities/7/notes}
     * @param requestBody the request body, or null when one was sent but the simulator never read it
     */
    public void record(String method, String path, @Nullable String query, @Nullable byte[] requestBody, int status,
                       byte[] responseBody) {
        if (!enabled) {
            return;
        }
        String api = apiOf(path);
        if (api == null) {
            return;
        }
        ContractCheck check;
        try {
            check = checker.check(api, method, path, query, requestBody, status, responseBody);
        } catch (RuntimeException e) {
            // A checker bug must show as loudly as a violation, and must never break what the simulator serves.
            check = new ContractCheck(api, null, ContractCheck.Coverage.CHECKED, List.of(new ContractViolation(api, null,
                    method, path, ContractViolation.Part.ENDPOINT, "", "the contract checker failed: " + e, null)));
        }
        synchronized (this) {
            switch (check.coverage()) {
                case CHECKED -> {
                    if (check.operation() != null) {
                        checked.merge(api + " " + check.operation(), 1, Integer::sum);
                    }
                }
                case NO_CONTRACT, NOT_LISTED -> unchecked.merge(api + " " + method + " " + generalise(path, api), 1, Integer::sum);
            }
            for (ContractViolation violation : check.violations()) {
                String kind = violation.api() + " " + (violation.operation() == null
                        ? violation.method() + " " + generalise(violation.path(), api) : violation.operation())
                        + " " + violation.part() + " " + violation.pointer() + " " + violation.problem();
                if (kindsLogged.size() < MAX_VIOLATIONS && kindsLogged.add(kind)) {
                    LOG.warn("contract violation (first of its kind): {}", violation.message());
                }
                if (violations.size() < MAX_VIOLATIONS) {
                    violations.add(violation);
                } else {
                    dropped++;
                }
            }
        }
    }

    /** The violations found since the sandbox started or was last {@link #clear() cleared}, oldest first. */
    public synchronized List<ContractViolation> violations() {
        return List.copyOf(violations);
    }

    /** How many violations were found beyond {@link #MAX_VIOLATIONS} and not kept. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Forgets the violations and the coverage counts found so far. */
    public synchronized void clear() {
        violations.clear();
        kindsLogged.clear();
        unchecked.clear();
        checked.clear();
        dropped = 0;
    }

    /** Logs what the checks found over the sandbox's life (or since the last {@link #clear()}). */
    @PreDestroy
    synchronized void summarise() {
        if (!enabled || (checked.isEmpty() && unchecked.isEmpty())) {
            return;
        }
        ContractCoverage coverage = coverage();
        LOG.info("contract checks: {} violation(s) of {} kind(s){}; checked {}; unchecked {}; no contract yet: {}",
                violations.size() + dropped, kindsLogged.size(), dropped > 0 ? " (" + dropped + " not kept)" : "",
                coverage.checkedOperations(), coverage.uncheckedRequests(), coverage.apisWithoutContract());
    }

    /** The APIs without a contract, and what was served unchecked or checked so far. */
    public synchronized ContractCoverage coverage() {
        List<String> without = new ArrayList<>();
        ContractChecker.knownApis().forEach((api, prefix) -> {
            if (prefix != null && !checker.apis().contains(api)) {
                without.add(api + " (" + prefix + ")");
            }
        });
        return new ContractCoverage(without, unchecked, checked);
    }

    /**
     * Throws when any violation was found, listing every one (a test calls this at its end).
     *
     * @throws AssertionError naming each violation, its operation, JSON pointer, expectation and source
     */
    public void assertNone() {
        List<ContractViolation> found = violations();
        long more = dropped();
        if (found.isEmpty()) {
            return;
        }
        StringBuilder m = new StringBuilder(found.size() + more + " exchange(s) left the vendors' published contracts"
                + " (contracts under sandbox/src/main/resources/contracts):");
        for (ContractViolation violation : found) {
            m.append("\n  - ").append(violation.message());
        }
        if (more > 0) {
            m.append("\n  ... and ").append(more).append(" more not kept");
        }
        throw new AssertionError(m.toString());
    }

    /** The API whose sandbox prefix {@code path} falls under (the longest), or null for none. */
    @Nullable
    static String apiOf(String path) {
        String best = null;
        int length = -1;
        for (Map.Entry<String, String> api : ContractChecker.knownApis().entrySet()) {
            String prefix = api.getValue();
            if (prefix != null && (path.equals(prefix) || path.startsWith(prefix + "/")) && prefix.length() > length) {
                best = api.getKey();
                length = prefix.length();
            }
        }
        return best;
    }

    private static String generalise(String path, String api) {
        String prefix = ContractChecker.knownApis().get(api);
        String below = prefix == null ? path : path.substring(prefix.length());
        List<String> segments = new ArrayList<>();
        for (String segment : below.split("/", -1)) {
            segments.add(ID_SEGMENT.matcher(segment).matches() ? "{id}" : segment);
        }
        return String.join("/", segments);
    }
}
