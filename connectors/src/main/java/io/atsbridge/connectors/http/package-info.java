/**
 * Calls to vendor APIs: {@link io.atsbridge.connectors.http.VendorHttp} (time-outs, rate limits waited out, failures as
 * {@link io.atsbridge.connectors.VendorCallException}) and the per-connection
 * {@link io.atsbridge.connectors.http.RequestGovernor} (pacing to the vendor's budget, circuit breaking).
 */
package io.atsbridge.connectors.http;
