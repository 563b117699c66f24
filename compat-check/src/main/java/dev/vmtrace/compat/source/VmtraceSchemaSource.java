package dev.vmtrace.compat.source;

import dev.vmtrace.compat.check.RamBlockRule;
import dev.vmtrace.compat.model.SchemaKind;
import dev.vmtrace.compat.model.SchemaSet;
import dev.vmtrace.compat.model.SectionSchema;
import dev.vmtrace.engine.device.Device;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.state.Migratable;
import dev.vmtrace.engine.state.VmStateDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * vmtrace's own schemas for {@code vmtrace:RELEASE:MACHINE[,options]}: builds the machine with the
 * engine and takes the {@link VmStateDescription} of every device that implements
 * {@link Migratable}. RAM blocks are not modeled by the engine, so RAM rules are skipped for this
 * input. While no device of a machine declares a schema yet, loading says so (bad input, exit 3)
 * rather than returning an empty, misleading schema set.
 */
public final class VmtraceSchemaSource implements SchemaSource {
    /** The spec prefix. */
    public static final String PREFIX = "vmtrace:";

    @Override
    public boolean accepts(String spec) {
        return spec.startsWith(PREFIX);
    }

    @Override
    public SchemaSet load(String spec) throws BadInputException {
        String[] parts = spec.substring(PREFIX.length()).split(":", 2);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw BadInputException.unreadable(spec, "expected vmtrace:RELEASE:MACHINE[,options]", null);
        }
        Machine machine;
        try {
            Release release = Release.parse(parts[0]);
            machine = Machine.build(MachineConfig.parse(parts[1], null, null, List.of(), List.of(), release,
                    Accel.QTEST, null));
        } catch (RuntimeException e) {
            throw BadInputException.unreadable(spec, e.getMessage(), e);
        }
        List<SectionSchema> sections = new ArrayList<>();
        for (Device d : machine.devices()) {
            if (d instanceof Migratable m) {
                VmStateDescription v = m.vmstate();
                sections.add(new SectionSchema(m.sectionId(), m.instanceId(), v.versionId(), v.minimumVersionId(),
                        VmtraceSchemas.description(v), -1, sections.size()));
            }
        }
        String type = machine.type().name();
        if (sections.isEmpty()) {
            throw BadInputException.unreadable(spec, "no device of " + parts[1] + " under release " + parts[0]
                    + " declares a vmtrace state schema yet; use a migration stream or a -dump-vmstate file", null);
        }
        int v = RamBlockRule.version(parts[1].split(",")[0]);
        Boolean config = v < 0 ? null : v >= 203;
        return new SchemaSet(spec, SchemaKind.VMTRACE, type, config, sections, null, parts[0]);
    }
}
