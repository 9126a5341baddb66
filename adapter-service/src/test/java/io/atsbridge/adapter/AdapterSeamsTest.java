package io.atsbridge.adapter;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The seam rule fails on a fixture where connections use the engine, naming the dependency, and passes on one where only the engine uses connections. */
class AdapterSeamsTest {

    private static final String FIXTURES = "io.atsbridge.adapter.seamfixture";
    private static final String CLEAN = FIXTURES + ".clean";
    private static final String BACKWARDS = FIXTURES + ".backwards";

    @Test
    void connectionsUsingTheEngineFails() {
        JavaClasses classes = new ClassFileImporter().importPackages(BACKWARDS);

        assertThatThrownBy(() -> AdapterSeams.seamsInOneDirection(BACKWARDS).check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("where layer '" + AdapterSeams.ENGINE + "' may only be accessed by layers")
                .hasMessageContaining("was violated (2 times)")
                .hasMessageContaining("<" + BACKWARDS + ".connections.domain.Connections.deletable(java.lang.String, "
                        + BACKWARDS + ".engine.domain.Inbox)> calls method <" + BACKWARDS
                        + ".engine.domain.Inbox.pending(java.lang.String)>");
    }

    @Test
    void theEngineUsingConnectionsPasses() {
        JavaClasses classes = new ClassFileImporter().importPackages(CLEAN);

        assertThatCode(() -> AdapterSeams.seamsInOneDirection(CLEAN).check(classes)).doesNotThrowAnyException();
    }
}
