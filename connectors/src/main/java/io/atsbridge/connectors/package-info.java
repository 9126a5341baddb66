/**
 * atsbridge's connectors library: what a vendor is to atsbridge, one package per vendor with everything about it,
 * and the types every vendor shares. {@link io.atsbridge.connectors.AtsConnector} is how the sync engine reads and
 * writes an ATS; {@link io.atsbridge.connectors.VendorModule} is what each vendor package gives, and
 * {@link io.atsbridge.connectors.Vendors} lists them.
 *
 * <p>The library declares no beans: it is plain classes, made by the services' own beans (adapter-service's
 * {@code Connectors}, edge-gateway's {@code WebhookReceiver}), so the launcher's other application contexts, which
 * have it on their class path, never instantiate any of it.
 */
package io.atsbridge.connectors;
