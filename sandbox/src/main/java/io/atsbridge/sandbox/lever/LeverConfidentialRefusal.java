package io.atsbridge.sandbox.lever;

/**
 * What the Lever simulator answers an API key without access to confidential data that asks for it. Lever documents
 * that such access "may only be granted during key creation", that lists leave confidential records out unless asked
 * with {@code confidentiality}, and that for a key without access "any request to retrieve confidential data will
 * return an access error" (hire.lever.co/developer/documentation, "Confidential Data"). It names no status code, so
 * the form of that error is configurable.
 */
public enum LeverConfidentialRefusal {
    /**
     * A 403 {@code {"code": "Forbidden", ...}} for a list asking for confidential records ({@code confidentiality=
     * confidential} or {@code all}) and for any request naming a confidential opportunity or posting. The default:
     * 403 is what Lever's "Responses and Errors" gives for "account settings don't authorize you"; the code is assumed.
     */
    FORBIDDEN,
    /**
     * The error as a not-found: lists leave confidential records out whatever is asked, and a confidential opportunity
     * or posting is a 404 as if it did not exist. Assumed; modelled so that clients cope with either form.
     */
    HIDDEN
}
