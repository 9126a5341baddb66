/** Lever: webhooks signed per event (signature, translation, the events the loop reads) and the Data API v1 connector. */
package io.atsbridge.connectors.lever;
