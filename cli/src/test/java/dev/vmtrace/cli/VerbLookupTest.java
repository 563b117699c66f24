package dev.vmtrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** The first non-option word picks the one verb a run registers. */
class VerbLookupTest {
    @Test
    void firstWordNamesTheVerb() {
        assertEquals(CompatCommand.class, VmtraceCommand.verbNamed(new String[] {"--debug", "compat", "a", "b"}));
        assertEquals(ReplayCommand.class, VmtraceCommand.verbNamed(new String[] {"replay", "t"}));
    }

    @Test
    void everyVerbIsNamedAfterItsClass() {
        for (Class<?> v : Verbs.ALL) {
            assertEquals(v.getAnnotation(Command.class).name(), VmtraceCommand.verbName(v), v.getName());
        }
    }

    @Test
    void helpTyposAndCompletionGetEveryVerb() {
        assertNull(VmtraceCommand.verbNamed(new String[] {"--help"}));
        assertNull(VmtraceCommand.verbNamed(new String[] {"compta"}));
        assertNull(VmtraceCommand.verbNamed(new String[] {"generate-completion"}));
        assertNull(VmtraceCommand.verbNamed(new String[0]));
    }
}
