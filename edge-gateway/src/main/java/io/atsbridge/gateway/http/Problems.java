package io.atsbridge.gateway.http;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;

/** The gateway's refusals: always JSON {@code {error, reason, detail}}, never a stack trace. */
final class Problems {

    private Problems() {
    }

    /** The body of every refusal. */
    @Serdeable
    record Problem(String error, String reason, String detail) {
    }

    /** The refusal; a 503 also says when to retry. */
    static MutableHttpResponse<Problem> response(int status, String reason, String detail) {
        MutableHttpResponse<Problem> response = HttpResponse.<Problem>status(HttpStatus.valueOf(status))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(new Problem(errorName(status), reason, detail));
        if (status == 503) {
            response.header(HttpHeaders.RETRY_AFTER, "30");
        }
        return response;
    }

    static String errorName(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 422 -> "unprocessable";
            case 429 -> "too_many_requests";
            case 503 -> "unavailable";
            default -> "error";
        };
    }
}
