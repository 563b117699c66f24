package dev.vmtrace.compat.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.compat.check.CompatChecker;
import dev.vmtrace.compat.check.CompatResult;
import dev.vmtrace.compat.check.Finding;
import dev.vmtrace.compat.model.SchemaKind;
import dev.vmtrace.compat.model.SchemaSet;
import dev.vmtrace.compat.model.SectionSchema;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.state.Condition;
import dev.vmtrace.engine.state.VmStateDescription;
import dev.vmtrace.engine.state.VmStateField;
import dev.vmtrace.engine.state.WireType;
import dev.vmtrace.engine.stream.MigrationStreamReader;
import dev.vmtrace.engine.testing.RealQemu;
import java.util.List;
import org.junit.jupiter.api.Test;

/** vmtrace's own schemas in compat checks, against QEMU's real stream. */
class VmtraceSchemasTest {
    static final VmStateDescription FW_CFG = VmStateDescription.builder("fw_cfg").version(2).minimumVersion(1)
            .uint16("cur_entry")
            .field(VmStateField.of("cur_offset", WireType.UINT16).when((v, ver) -> ver < 2))
            .uint32("cur_offset").since(2)
            .subsection(VmStateDescription.builder("fw_cfg/dma").uint64("dma_addr").build(), Condition.isTrue("dma"))
            .subsection(VmStateDescription.builder("fw_cfg/acpi_mr").version(1).minimumVersion(1).uint64("table_mr_size")
                    .uint64("linker_mr_size").uint64("rsdp_mr_size").build(), Condition.isTrue("acpi_mr"))
            .build();

    private static SchemaSet vmtrace(VmStateDescription d) {
        SectionSchema s = new SectionSchema(d.name(), 0, d.versionId(), d.minimumVersionId(),
                VmtraceSchemas.description(d), -1, 0);
        return new SchemaSet("vmtrace", SchemaKind.VMTRACE, "pc-i440fx-7.2", true, List.of(s), null, "7.2.22");
    }

    private static List<Finding> fwCfgFindings(CompatResult r) {
        return r.findings().stream().filter(f -> f.section().equals("fw_cfg")).toList();
    }

    @Test
    void qemusFwCfgSectionLoadsIntoVmtracesSchema() throws Exception {
        SchemaSet qemu = StreamSchemas.of(MigrationStreamReader.read(RealQemu.realFile("mig/pc-i440fx-7.2.bin")), "qemu");
        assertEquals(List.of(), fwCfgFindings(CompatChecker.check(qemu, vmtrace(FW_CFG))));
    }

    @Test
    void aSchemaThatForgotTheAcpiSubsectionIsCaught() throws Exception {
        VmStateDescription old = VmStateDescription.builder("fw_cfg").version(2).minimumVersion(1).uint16("cur_entry")
                .uint32("cur_offset").build();
        SchemaSet qemu = StreamSchemas.of(MigrationStreamReader.read(RealQemu.realFile("mig/pc-i440fx-7.2.bin")), "qemu");
        List<Finding> f = fwCfgFindings(CompatChecker.check(qemu, vmtrace(old)));
        assertTrue(f.stream().anyMatch(x -> x.code().equals("SUBSECTION_UNKNOWN") && x.path().equals("fw_cfg > [fw_cfg/acpi_mr]")),
                f.toString());
    }

    @Test
    void machineSpecsResolveOrSayHonestlyThatNoSchemaExists() {
        try {
            SchemaSet s = new VmtraceSchemaSource().load("vmtrace:7.2:pc-q35-7.2");
            assertFalse(s.sections().isEmpty());
            assertEquals(SchemaKind.VMTRACE, s.kind());
        } catch (BadInputException e) {
            assertTrue(e.getMessage().contains("declares a vmtrace state schema yet"), e.getMessage());
        }
        BadInputException bad = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class,
                () -> new VmtraceSchemaSource().load("vmtrace:7.2:no-such-machine"));
        assertTrue(bad.getMessage().contains("no-such-machine"), bad.getMessage());
    }
}
