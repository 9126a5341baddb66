package io.atsbridge.connectors;

import io.atsbridge.connectors.http.RequestBudget;

import java.time.Duration;
import java.util.Set;

/**
 * What a connector can write to its ATS, so mapping-service plans only writes that can happen and the
 * engine paces requests to the vendor's documented limit until the vendor's headers say otherwise.
 *
 * @param vendor               e.g. {@code GREENHOUSE}
 * @param apiVersion           e.g. {@code v3}
 * @param candidateFieldTypes  custom field types writable on the candidate (empty: none), by atsbridge's
 *                             names: {@code number}, {@code short_text}, {@code long_text},
 *                             {@code single_select}, {@code multi_select}, {@code url}, {@code date},
 *                             {@code boolean}
 * @param applicationFieldTypes the same for the application
 * @param tags                 whether tags can be added
 * @param notes                whether notes can be added
 * @param noteHtml             whether notes may carry HTML (otherwise plain text)
 * @param stageMoves           whether applications can be moved between stages
 * @param attachments          whether files can be attached
 * @param archive              whether applications can be archived with a reason and restored (Lever); the sync
 *                             engine never does it on its own, archiving being how the ATS rejects
 * @param requestsPerWindow    the documented request budget, e.g. 50 per 10 s for Greenhouse
 * @param window               the budget's window
 * @param burst                how many requests may go at once above the steady rate (Lever: 20)
 */
public record ConnectorCapabilities(
        String vendor,
        String apiVersion,
        Set<String> candidateFieldTypes,
        Set<String> applicationFieldTypes,
        boolean tags,
        boolean notes,
        boolean noteHtml,
        boolean stageMoves,
        boolean attachments,
        boolean archive,
        int requestsPerWindow,
        Duration window,
        int burst) {

    public ConnectorCapabilities {
        candidateFieldTypes = Set.copyOf(candidateFieldTypes);
        applicationFieldTypes = Set.copyOf(applicationFieldTypes);
    }

    /** The documented request budget, {@code requestsPerWindow} per {@code window}. */
    public RequestBudget requestBudget() {
        return new RequestBudget(requestsPerWindow, window);
    }
}
