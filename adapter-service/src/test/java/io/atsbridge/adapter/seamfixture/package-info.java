/**
 * Classes that keep or break {@link io.atsbridge.adapter.AdapterSeams}'s direction, for {@code AdapterSeamsTest}:
 * in {@code clean} the engine uses connections; in {@code backwards} connections use the engine too.
 */
package io.atsbridge.adapter.seamfixture;
