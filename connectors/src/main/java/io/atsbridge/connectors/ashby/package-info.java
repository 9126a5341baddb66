/**
 * Ashby: webhooks (signature, translation), the public API connector, and the assessments integration's
 * protocol, atsbridge being the assessment partner (its {@code assessment.update} callback included).
 */
package io.atsbridge.connectors.ashby;
