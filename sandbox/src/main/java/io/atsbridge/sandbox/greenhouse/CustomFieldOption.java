package io.atsbridge.sandbox.greenhouse;

/** One option of a single- or multi-select custom field. */
public record CustomFieldOption(long id, String name) {
}
