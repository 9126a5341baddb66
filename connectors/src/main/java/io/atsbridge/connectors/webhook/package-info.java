/**
 * What every vendor's webhooks share: the signature scheme and translator a vendor implements, HMAC and the timestamp
 * window they are checked with, the canonical event they are turned into, and the rejection that says what was wrong.
 * Each vendor's own scheme lives in its package; {@link io.atsbridge.connectors.webhook.VendorWebhooks} puts one
 * vendor's pieces together.
 */
package io.atsbridge.connectors.webhook;
