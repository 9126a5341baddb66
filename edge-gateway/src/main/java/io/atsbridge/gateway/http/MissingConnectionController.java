package io.atsbridge.gateway.http;

import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;

/**
 * {@code POST /webhooks} and {@code POST /webhooks/}: a webhook URL without the connection id (a vendor
 * configured with half the URL). A JSON 404 that says what is missing, instead of Micronaut's default body;
 * nothing is stored.
 */
@Controller
final class MissingConnectionController {

    /** One route serves both: Micronaut matches {@code /webhooks/} to {@code /webhooks}. */
    @Post(uri = "/webhooks", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.ALL)
    MutableHttpResponse<Problems.Problem> missing() {
        return Problems.response(404, "CONNECTION_ID_MISSING", "the webhook URL names no connection: configure the vendor "
                + "to deliver to /webhooks/<connection id>, the id of the connection in atsbridge's configuration");
    }
}
