/** Teamtailor: company and partner webhooks (vendors.md §8). */
package io.atsbridge.connectors.teamtailor;
