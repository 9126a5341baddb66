package io.atsbridge.sandbox.ashby;

/**
 * One stage of an interview plan, as {@code interviewStage.list} and {@code currentInterviewStage} render it.
 *
 * @param type                 Ashby's stage type: {@code Lead}, {@code PreInterviewScreen}, {@code Active},
 *                             {@code Offer}, {@code Hired} or {@code Archived}
 * @param orderInInterviewPlan the stage's position, 0 first
 */
public record AshbyInterviewStage(String id, String title, String type, int orderInInterviewPlan, String interviewPlanId) {
}
