/** JazzHR: webhooks signed over the raw body, with a delivery id header (vendors.md §10). */
package io.atsbridge.connectors.jazzhr;
