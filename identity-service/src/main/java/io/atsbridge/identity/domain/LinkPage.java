package io.atsbridge.identity.domain;

import io.atsbridge.identity.persistence.ExternalLinkRow;

import java.util.List;

/** One page of a candidate's links, with the token of the next page (empty on the last). */
public record LinkPage(List<ExternalLinkRow> links, String nextPageToken) {
}
