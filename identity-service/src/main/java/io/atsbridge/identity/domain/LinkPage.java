package io.atsbridge.identity.domain;

import java.util.List;

/** One page of a candidate's links, with the token of the next page (empty on the last). */
public record LinkPage(List<ExternalLink> links, String nextPageToken) {
}
