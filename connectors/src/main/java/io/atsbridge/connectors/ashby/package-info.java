/**
 * Ashby: webhooks (signature, translation), the public API connector, and the assessment partner API's
 * {@code assessment.update} callback.
 */
package io.atsbridge.connectors.ashby;
