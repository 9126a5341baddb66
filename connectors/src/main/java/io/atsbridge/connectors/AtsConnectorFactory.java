package io.atsbridge.connectors;

import io.atsbridge.connectors.http.VendorHttp;

/**
 * Makes connectors to one vendor's ATS API, one per use, for the accounts of the owner that keeps the factory.
 * It keeps what must outlive one use (Harvest v3's OAuth tokens, per connection), so a credential rotated in
 * configuration takes effect at the next use. Thread-safe.
 */
@FunctionalInterface
public interface AtsConnectorFactory {

    /**
     * The connector of one account.
     *
     * @param http the connection's client, paced and guarded by the connection's request governor
     * @throws VendorCallException (permanent) when the account's settings do not fit the vendor, e.g. credentials
     *                             of the wrong form
     */
    AtsConnector connect(AtsAccount account, VendorHttp http);
}
