package io.atsbridge.connectors;

/** A vendor body that lacks what atsbridge needs or is not JSON: processing it again cannot succeed. */
public final class MalformedPayloadException extends RuntimeException {

    public MalformedPayloadException(String message) {
        super(message, null, false, false);
    }
}
