package io.atsbridge.connectors;

import java.util.List;

/**
 * A job (requisition; Lever: posting) and the stages of its hiring plan, in order.
 *
 * @param status the vendor's status, lower-cased (Greenhouse {@code open}, Ashby {@code open}, Lever {@code published})
 * @param stages the stages applications of this job move through (Lever: the account's stages, which all postings share)
 */
public record AtsJob(String id, String name, String status, List<Stage> stages) {

    public AtsJob {
        stages = List.copyOf(stages);
    }

    /** A stage of the job's plan. */
    public record Stage(String id, String name) {
    }
}
