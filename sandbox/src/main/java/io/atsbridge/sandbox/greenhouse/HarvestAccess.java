package io.atsbridge.sandbox.greenhouse;

import io.micronaut.core.annotation.Nullable;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What each Harvest credential may call, so that the simulator refuses what Greenhouse refuses and the
 * connectors' handling of a refusal can be tested. Thread-safe; everything is granted until a test takes
 * something away.
 *
 * <ul>
 *   <li><b>Harvest v3</b>: each endpoint needs one OAuth scope of the form {@code harvest:<resource>:<action>}
 *       (https://harvestdocs.greenhouse.io/docs/authentication: "configure the scopes your integration needs";
 *       the partner guide names {@code harvest:candidates:list}, {@code harvest:job_posts:list}, and
 *       docs/handling-scope-changes {@code harvest:candidates:create}, {@code harvest:users:list}). The exact
 *       scope of each endpoint below is not in the public material at hand: it is taken from a third-party
 *       reading of the v3 reference pages ("every page declares exactly one scope", sam-vangelos/greenhouse-mcp
 *       docs, 2026) and from third-party v3 clients. Removing a scope takes effect at once, on live tokens too
 *       (docs/handling-scope-changes: "the API performs a real-time check during the request"), so scopes are
 *       checked per request against the client's current grant. What the refusal looks like is not documented
 *       ("the API request will fail with an authorization error"); the simulator answers 403 with RFC 6750's
 *       {@code WWW-Authenticate: Bearer error="insufficient_scope", scope="..."} and a {@code message}: assumed.</li>
 *   <li><b>Harvest v1</b>: each API key is granted endpoints one by one in the Dev Center ("permit or deny access
 *       to each endpoint individually", harvest {@code _introduction.md}, "Setting permissions for API Keys").
 *       The permission names here are the docs' endpoint headings prefixed with their group, which is how the
 *       Dev Center lists them (third-party setup guides, e.g. Gem's and Sapia's permission lists). Greenhouse's
 *       error table gives 401 for "a valid Harvest API key with the correct permissions", so a missing
 *       permission is answered 401 here, with a message naming it.</li>
 * </ul>
 */
public final class HarvestAccess {

    /** One endpoint: method, path under the Harvest base (e.g. {@code /v3/notes}) and what it needs. */
    private record Rule(String method, Pattern path, String needs) {
    }

    private static final String ID = "[^/]+";

    /** Harvest v3 endpoints the simulator serves and the scope each needs. */
    private static final List<Rule> V3 = List.of(
            rule("GET", "/v3/applications", "harvest:applications:list"),
            rule("PATCH", "/v3/applications/" + ID, "harvest:applications:update"),
            rule("POST", "/v3/applications/" + ID + "/move", "harvest:applications:move"),
            rule("GET", "/v3/application_stages", "harvest:application_stages:list"),
            rule("GET", "/v3/candidates", "harvest:candidates:list"),
            rule("PATCH", "/v3/candidates/" + ID, "harvest:candidates:update"),
            rule("GET", "/v3/jobs", "harvest:jobs:list"),
            rule("GET", "/v3/job_interview_stages", "harvest:job_interview_stages:list"),
            rule("GET", "/v3/custom_fields", "harvest:custom_fields:list"),
            rule("GET", "/v3/custom_field_options", "harvest:custom_field_options:list"),
            rule("GET", "/v3/notes", "harvest:notes:list"),
            rule("POST", "/v3/notes", "harvest:notes:create"),
            rule("POST", "/v3/attachments", "harvest:attachments:create"),
            rule("GET", "/v3/candidate_tags", "harvest:candidate_tags:list"),
            rule("POST", "/v3/candidate_tags", "harvest:candidate_tags:create"),
            rule("GET", "/v3/applied_candidate_tags", "harvest:applied_candidate_tags:list"),
            rule("POST", "/v3/applied_candidate_tags", "harvest:applied_candidate_tags:create"));

    /** Harvest v1 endpoints the simulator serves and the Dev Center permission each needs. */
    private static final List<Rule> V1 = List.of(
            rule("GET", "/v1/candidates", "Candidates: GET: List Candidates"),
            rule("GET", "/v1/candidates/" + ID, "Candidates: GET: Retrieve Candidate"),
            rule("PATCH", "/v1/candidates/" + ID, "Candidates: PATCH: Edit Candidate"),
            rule("GET", "/v1/candidates/" + ID + "/activity_feed", "Activity Feed: GET: Retrieve Activity Feed"),
            rule("POST", "/v1/candidates/" + ID + "/activity_feed/notes", "Candidates: POST: Add Note"),
            rule("PUT", "/v1/candidates/" + ID + "/tags/" + ID, "Tags: PUT: Add a candidate tag"),
            rule("DELETE", "/v1/candidates/" + ID + "/tags/" + ID, "Tags: DELETE: Remove tag from candidate"),
            rule("GET", "/v1/tags/candidate", "Tags: GET: List Candidate Tags"),
            rule("GET", "/v1/applications", "Applications: GET: List Applications"),
            rule("GET", "/v1/applications/" + ID, "Applications: GET: Retrieve Application"),
            rule("PATCH", "/v1/applications/" + ID, "Applications: PATCH: Update Application"),
            rule("POST", "/v1/applications/" + ID + "/move", "Applications: POST: Move Application (Same Job)"),
            rule("POST", "/v1/applications/" + ID + "/advance", "Applications: POST: Advance Application"),
            rule("POST", "/v1/applications/" + ID + "/attachments", "Applications: POST: Add Attachment to Application"),
            rule("GET", "/v1/jobs/" + ID, "Jobs: GET: Retrieve Job"),
            rule("GET", "/v1/jobs/" + ID + "/stages", "Job Stages: GET: List Job Stages for Job"),
            rule("GET", "/v1/custom_fields/" + ID, "Custom Fields: GET: List Custom Fields"));

    private final Set<String> revokedScopes = ConcurrentHashMap.newKeySet();
    private final Set<String> revokedPermissions = ConcurrentHashMap.newKeySet();

    HarvestAccess() {
    }

    private static Rule rule(String method, String path, String needs) {
        return new Rule(method, Pattern.compile(path), needs);
    }

    /** Every scope a v3 endpoint of the simulator needs, in the order of the endpoints. */
    public static Set<String> v3Scopes() {
        Set<String> scopes = new LinkedHashSet<>();
        V3.forEach(r -> scopes.add(r.needs()));
        return scopes;
    }

    /** Every Dev Center permission a v1 endpoint of the simulator needs. */
    public static Set<String> v1Permissions() {
        Set<String> permissions = new LinkedHashSet<>();
        V1.forEach(r -> permissions.add(r.needs()));
        return permissions;
    }

    /** The scope a v3 request needs, or null when the simulator has no rule for it (it then 404s or is not v3). */
    @Nullable
    static String scopeFor(String method, String path) {
        return find(V3, method, path);
    }

    /** The Dev Center permission a v1 request needs, or null when there is no rule for it. */
    @Nullable
    static String permissionFor(String method, String path) {
        return find(V1, method, path);
    }

    @Nullable
    private static String find(List<Rule> rules, String method, String path) {
        for (Rule rule : rules) {
            if (rule.method().equals(method) && rule.path().matcher(path).matches()) {
                return rule.needs();
            }
        }
        return null;
    }

    /** Takes scopes away from the v3 OAuth client, as an admin unticking them under Manage Scopes would. */
    public void revokeScopes(Collection<String> scopes) {
        for (String scope : scopes) {
            if (!v3Scopes().contains(scope)) {
                throw new IllegalArgumentException("scope: " + scope + " (expected: one of " + v3Scopes() + ")");
            }
        }
        revokedScopes.addAll(scopes);
    }

    /** Takes a Dev Center endpoint permission away from the v1 API key. */
    public void revokePermissions(Collection<String> permissions) {
        for (String permission : permissions) {
            if (!v1Permissions().contains(permission)) {
                throw new IllegalArgumentException("permission: " + permission + " (expected: one of " + v1Permissions() + ")");
            }
        }
        revokedPermissions.addAll(permissions);
    }

    /** Grants every scope and every permission again. */
    public void grantAll() {
        revokedScopes.clear();
        revokedPermissions.clear();
    }

    boolean scopeGranted(String scope) {
        return !revokedScopes.contains(scope);
    }

    boolean permissionGranted(String permission) {
        return !revokedPermissions.contains(permission);
    }
}
