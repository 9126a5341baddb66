package io.atsbridge.sandbox.lever;

import java.time.Instant;

/** An archived opportunity's {@code archived}: why and when. */
public record LeverArchiveState(String reasonId, Instant archivedAt) {
}
