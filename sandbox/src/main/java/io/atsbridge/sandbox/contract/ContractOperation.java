package io.atsbridge.sandbox.contract;

import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/**
 * One documented operation of a vendor API: its method and path, the vendor document it is from, and the schemas
 * its request and response bodies must satisfy.
 *
 * @param id            the operation's id, e.g. {@code addNote} or Ashby's {@code candidateInfo}
 * @param method        the HTTP method, upper case
 * @param path          the path template below the API's base
 * @param source        the vendor document, with its address and when it was read
 * @param documented    false when the vendor's public material does not show this operation and the shape is an
 *                      assumption ({@code note} says why)
 * @param note          anything a reader of the contract should know; null when nothing
 * @param successStatus the documented success status; null when any 2xx is documented
 * @param request       the request body's schema; null when the body is not checked
 * @param requestBodyRequired whether the vendor requires a request body
 * @param responses     response body schemas by status: an exact code ({@code 201}), a class ({@code 2XX}) or
 *                      {@code default}; statuses with none are not checked
 * @param when          for operations sharing one URL (a vendor's webhooks: one endpoint, many events), the request
 *                      body field that tells them apart and its value; null when the URL alone identifies it
 */
record ContractOperation(String id, String method, PathTemplate path, String source, boolean documented,
                         @Nullable String note, @Nullable Integer successStatus, @Nullable BodySchema request,
                         boolean requestBodyRequired, Map<String, BodySchema> responses, @Nullable When when) {

    /** The request body's field at {@code pointer} (a JSON pointer) holds {@code equals}. */
    record When(String pointer, String equals) {

        boolean matches(@Nullable com.fasterxml.jackson.databind.JsonNode body) {
            return body != null && equals.equals(body.at(pointer).asText(null));
        }
    }

    ContractOperation {
        responses = Map.copyOf(responses);
    }

    /** The schema a response with {@code status} must satisfy, or null when the contract documents none. */
    @Nullable
    BodySchema responseFor(int status) {
        BodySchema exact = responses.get(Integer.toString(status));
        if (exact != null) {
            return exact;
        }
        BodySchema range = responses.get((status / 100) + "XX");
        return range != null ? range : responses.get("default");
    }

    /** The source as a violation cites it: the document, and whether the shape is only assumed. */
    String citation() {
        return documented ? source : "ASSUMED, not in the vendor's public material (" + (note == null ? "no note" : note) + "); " + source;
    }
}
