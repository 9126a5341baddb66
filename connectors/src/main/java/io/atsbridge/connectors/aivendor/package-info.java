/**
 * AI interview vendors, whatever their vendor name: the API interviews are created and cancelled with, and the
 * {@code interview.completed} event their results come in.
 */
package io.atsbridge.connectors.aivendor;
