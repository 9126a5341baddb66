/**
 * Greenhouse: recruiting webhooks (signature, translation, the stage-change body the loop reads), the Harvest API
 * v1 and v3 connectors with v3's OAuth client credentials, custom field types and capabilities, and the Assessment
 * Partner API's protocol, atsbridge being the partner (its completion callback included).
 */
package io.atsbridge.connectors.greenhouse;
