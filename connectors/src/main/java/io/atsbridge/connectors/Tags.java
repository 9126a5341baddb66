package io.atsbridge.connectors;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Tags as the ATSs that keep them on the candidate (Greenhouse, Ashby) are written: only ever added to. */
public final class Tags {

    private Tags() {
    }

    /**
     * The candidate's tags, untouched and in their order, followed by each added tag the candidate
     * does not have yet (compared ignoring case). Equal to {@code existing} when nothing is new.
     */
    public static List<String> merge(List<String> existing, List<String> added) {
        List<String> merged = new ArrayList<>(existing);
        merged.addAll(missing(existing, added));
        return List.copyOf(merged);
    }

    /** Each added tag the candidate does not have yet (compared ignoring case), once, in the order given. */
    public static List<String> missing(List<String> existing, List<String> added) {
        List<String> missing = new ArrayList<>();
        Set<String> present = new HashSet<>();
        existing.forEach(tag -> present.add(tag.toLowerCase(Locale.ROOT)));
        for (String tag : added) {
            if (present.add(tag.toLowerCase(Locale.ROOT))) {
                missing.add(tag);
            }
        }
        return List.copyOf(missing);
    }
}
