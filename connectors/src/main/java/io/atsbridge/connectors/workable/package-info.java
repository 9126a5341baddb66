/** Workable: webhooks signed over the raw body (vendors.md §7). */
package io.atsbridge.connectors.workable;
