package dev.vmtrace.engine.devices.fwcfg;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.state.Migratable;
import dev.vmtrace.engine.state.StateNode;
import dev.vmtrace.engine.state.VmStateDescription;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The "fw_cfg" migration section of a machine's fw_cfg device ({@link FwCfgSchema}). A separate
 * object because {@link FwCfgDevice#state()} returns the typed {@link FwCfgState}; reach it with
 * {@link FwCfgDevice#migration()}. The ACPI part
 * attaches the three blob region sizes ({@code fw_cfg/acpi_mr}) and their post-load resize, which
 * QEMU keeps in fw_cfg's state although the RAM blocks belong to the ACPI build.
 */
public final class FwCfgMigration implements Migratable {
    /** What the ACPI build contributes to fw_cfg's section. */
    public interface AcpiRegions {
        /** The region sizes: tables, loader, rsdp (0 when the RSDP is a plain file). */
        long[] sizes();

        /** Whether the machine type sends {@code fw_cfg/acpi_mr} at all ({@code acpi-mr-restore}). */
        boolean restore();

        /** QEMU's post-load: resize the blocks to migrated sizes; a message when refused, else null. */
        String resize(long[] sizes);
    }

    private final FwCfgDevice device;
    private Supplier<AcpiRegions> acpi = () -> null;

    /** The section of {@code device} (see {@link FwCfgDevice#migration()}). */
    FwCfgMigration(FwCfgDevice device) {
        this.device = Objects.requireNonNull(device, "device");
    }

    /** Attaches the ACPI build's regions (called by the ACPI part). */
    public void attachAcpi(AcpiRegions regions) {
        Objects.requireNonNull(regions, "regions");
        this.acpi = () -> regions;
    }

    @Override
    public String sectionId() {
        return "fw_cfg";
    }

    @Override
    public VmStateDescription vmstate() {
        return FwCfgSchema.FW_CFG;
    }

    @Override
    public StateNode state() {
        AcpiRegions a = acpi.get();
        return FwCfgSchema.toNode(device.state(), a != null && a.restore(), a == null ? null : a.sizes());
    }

    @Override
    public void restore(StateNode state) throws BadInputException {
        FwCfgState s = FwCfgSchema.fromNode(state);
        long[] sizes = FwCfgSchema.acpiMrSizes(state);
        AcpiRegions a = acpi.get();
        if (sizes != null && a != null) {
            String refused = a.resize(sizes);
            if (refused != null) {
                throw BadInputException.unreadable("fw_cfg/acpi_mr", refused, null);
            }
        }
        device.restore(s);
    }
}
