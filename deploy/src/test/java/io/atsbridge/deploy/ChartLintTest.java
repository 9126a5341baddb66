package io.atsbridge.deploy;

import io.atsbridge.deploy.Chart.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code helm lint --strict}: the chart, its templates and values.schema.json agree, warnings included. */
class ChartLintTest {

    @ParameterizedTest
    @EnumSource(Variant.class)
    void lintsStrictlyClean(Variant variant) {
        ChartTools.Result lint = Chart.lint(variant.valuesArguments());

        assertThat(lint.exitCode()).as(lint.output()).isZero();
        assertThat(lint.output()).contains("1 chart(s) linted, 0 chart(s) failed").doesNotContain("[WARNING]");
    }

    @Test
    void strictLintFailsWhenTheSchemaRejectsAValue() {
        List<String> arguments = new ArrayList<>(Variant.DEFAULTS.valuesArguments());
        arguments.addAll(List.of("--set", "image.tag=latest"));

        ChartTools.Result lint = Chart.lint(arguments);

        assertThat(lint.exitCode()).isNotZero();
        assertThat(lint.output()).contains("image.tag");
    }

    @Test
    void lintWithoutTheRequiredValuesNamesThem() {
        // helm lint renders leniently (a template's fail is reported, not fatal), so this is about the message.
        ChartTools.Result lint = Chart.lint(List.of());

        assertThat(lint.output()).contains("database.host is required", "auth.operatorToken is required",
                "adapter.masterKey is required");
    }
}
