/** BambooHR: webhooks signed over the body and a timestamp (vendors.md §9). */
package io.atsbridge.connectors.bamboohr;
