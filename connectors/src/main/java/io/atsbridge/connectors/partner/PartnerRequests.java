package io.atsbridge.connectors.partner;

import com.fasterxml.jackson.databind.JsonNode;
import io.atsbridge.connectors.VendorJson;
import io.atsbridge.connectors.webhook.WebhookRejection;
import io.micronaut.core.annotation.Nullable;

/**
 * Reading the requests an ATS sends its assessment partner: one JSON object of bounded size, whose scalar fields are
 * read as trimmed text. Shared by the vendors' {@link AssessmentPartnerProtocol}s.
 */
public final class PartnerRequests {

    /** The largest request body read; a larger one is refused. */
    public static final int MAX_BODY = 64 * 1024;

    private PartnerRequests() {
    }

    /**
     * The body as a JSON object.
     *
     * @throws WebhookRejection 400 BODY_INVALID when it is empty, too large or not a JSON object
     */
    public static JsonNode object(@Nullable byte[] body) {
        if (body == null || body.length == 0 || body.length > MAX_BODY) {
            throw new WebhookRejection(400, "BODY_INVALID", "a JSON object of at most " + MAX_BODY + " bytes is required");
        }
        return VendorJson.tryRead(body).filter(JsonNode::isObject).orElseThrow(() ->
                new WebhookRejection(400, "BODY_INVALID", "the body is not a JSON object"));
    }

    /** The object under the key; an empty one when there is none or it is not an object. */
    public static JsonNode child(JsonNode parent, String key) {
        JsonNode child = parent.path(key);
        return child.isObject() ? child : VendorJson.object();
    }

    /** The scalar under the key as trimmed text; empty when it is absent, null, an object or a list. */
    public static String text(JsonNode parent, String key) {
        return VendorJson.text(parent.path(key)).trim();
    }
}
