package io.atsbridge.mapping.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An ATS custom field a value is written to, with the constraints the ATS enforces.
 *
 * @param key       the field's immutable key at the ATS (Greenhouse name_key), e.g. {@code ai_match_score}
 * @param type      the field's type at the ATS
 * @param scope     whether the field is on the candidate or the application
 * @param maxLength the most characters a text or URL field takes; 0 means no limit
 * @param numberMin the lowest number the field takes
 * @param numberMax the highest number the field takes; 0 together with {@code numberMin} 0 means 100
 * @param options   the options of a select field, empty for other types
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TargetField(String key, FieldType type, FieldScope scope, int maxLength,
                          double numberMin, double numberMax, List<FieldOption> options) {

    public TargetField {
        options = List.copyOf(options);
    }

    /** The highest number the field takes, with the contract's default applied. */
    double rangeMax() {
        return numberMin == 0 && numberMax == 0 ? 100 : numberMax;
    }

    /** Whether text of this many characters (code points) fits the field. */
    boolean fits(String text) {
        return maxLength == 0 || text.codePointCount(0, text.length()) <= maxLength;
    }

    /** The option with this label, ignoring case, as the ATS matches option text. */
    Optional<FieldOption> optionLabelled(String label) {
        String wanted = label.toLowerCase(Locale.ROOT);
        return options.stream().filter(option -> option.label().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }
}
