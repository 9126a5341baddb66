package io.atsbridge.sandbox.ashby;

import io.micronaut.core.annotation.Nullable;

import java.util.Map;
import java.util.Set;

/**
 * The API key permission each method the simulator implements needs, as Ashby's OpenAPI states it in every
 * operation's description ("Requires the [`candidatesWrite`](authentication#permissions-...) permission"). A key
 * lacking it is answered HTTP 403 with the error {@code missing_endpoint_permission}
 * (developers.ashbyhq.com reference/authentication, "API Key Endpoint Permissions").
 */
public final class AshbyPermissions {

    /** Method to the permission it needs. */
    static final Map<String, String> REQUIRED = Map.ofEntries(
            Map.entry("candidate.info", "candidatesRead"),
            Map.entry("candidate.listNotes", "candidatesRead"),
            Map.entry("candidate.createNote", "candidatesWrite"),
            Map.entry("candidate.addTag", "candidatesWrite"),
            Map.entry("candidateTag.list", "hiringProcessMetadataRead"),
            Map.entry("candidateTag.create", "hiringProcessMetadataWrite"),
            Map.entry("application.info", "candidatesRead"),
            Map.entry("application.list", "candidatesRead"),
            Map.entry("application.changeStage", "candidatesWrite"),
            Map.entry("customField.list", "hiringProcessMetadataRead"),
            Map.entry("customField.setValue", "candidatesWrite"),
            Map.entry("interviewStage.list", "interviewsRead"),
            Map.entry("job.info", "jobsRead"),
            Map.entry("assessment.update", "candidatesWrite"));

    /** Every permission some simulated method needs: what the sandbox's key has by default. */
    public static final Set<String> ALL = Set.copyOf(REQUIRED.values());

    private AshbyPermissions() {
    }

    /** The permission {@code method} needs, or null for a method the simulator does not implement. */
    @Nullable
    static String required(String method) {
        return REQUIRED.get(method);
    }
}
