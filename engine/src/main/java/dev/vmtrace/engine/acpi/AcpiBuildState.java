package dev.vmtrace.engine.acpi;

import dev.vmtrace.engine.device.Device;
import dev.vmtrace.engine.devices.fwcfg.FwCfgDevice;
import dev.vmtrace.engine.devices.fwcfg.FwCfgItem;
import dev.vmtrace.engine.devices.fwcfg.FwCfgWriteCallback;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.machine.MachineFamily;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.state.Migratable;
import dev.vmtrace.engine.state.StateNode;
import dev.vmtrace.engine.state.VmStateDescription;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The live ACPI blobs of a machine (QEMU's {@code AcpiBuildState}): built once when the machine
 * is done, exposed as fw_cfg files backed by RAM blocks, and rebuilt from the current hardware on
 * the first select of any blob after a reset ({@code patched}, vmstate "acpi_build" v1). So a
 * device hot-added while the guest runs shows up in the tables after the next reboot, and the
 * blob sizes may change then, within the rules of {@link AcpiSizingRule}.
 */
public final class AcpiBuildState implements Device {
    private final AcpiHardware hardware;
    private final AcpiSizingRule rule;
    private final Release release;
    private final List<String> warnings = new ArrayList<>();
    private AcpiRamBlock tables;
    private AcpiRamBlock loader;
    private AcpiRamBlock rsdpBlock;
    private FwCfgItem rsdpFile;
    private boolean patched;
    private int builds;
    private AcpiBuildResult last;

    /** A build state for {@code hardware} under {@code rule} as {@code release} builds; call {@link #setup} once. */
    public AcpiBuildState(AcpiHardware hardware, AcpiSizingRule rule, Release release) {
        this.hardware = Objects.requireNonNull(hardware, "hardware");
        this.rule = Objects.requireNonNull(rule, "rule");
        this.release = Objects.requireNonNull(release, "release");
    }

    @Override
    public String name() {
        return "acpi_build";
    }

    /**
     * QEMU's migration section of the rebuild flag: "acpi_build" v1 on PCs, "virt_acpi_build" v1
     * on ARM virt ({@link AcpiBuildSchema}). Not a device-list Migratable: stream writers that
     * want QEMU's section take it from here.
     */
    public Migratable migration() {
        AcpiBuildState self = this;
        return new Migratable() {
            @Override
            public String sectionId() {
                return hardware.family() == MachineFamily.VIRT ? "virt_acpi_build" : "acpi_build";
            }

            @Override
            public VmStateDescription vmstate() {
                return AcpiBuildSchema.of(hardware.family());
            }

            @Override
            public StateNode state() {
                return AcpiBuildSchema.toNode(self);
            }

            @Override
            public void restore(StateNode state) throws BadInputException {
                try {
                    patched = state.getBool("patched");
                } catch (IllegalStateException e) {
                    throw BadInputException.unreadable(sectionId(), e.getMessage(), e);
                }
            }
        };
    }

    /** The hardware the tables describe (hot-plug into it, then reset). */
    public AcpiHardware hardware() {
        return hardware;
    }

    /** The sizing rule in force. */
    public AcpiSizingRule rule() {
        return rule;
    }

    /**
     * The machine-done step: builds the tables and adds {@code etc/acpi/tables},
     * {@code etc/table-loader}, {@code etc/tpm/log} and {@code etc/acpi/rsdp} to {@code fw}.
     */
    public void setup(FwCfgDevice fw) {
        if (tables != null) {
            throw new IllegalStateException("ACPI blobs already set up");
        }
        Sized s = buildSized();
        tables = new AcpiRamBlock(AcpiFiles.TABLES, s.tables, AcpiSizingRule.TABLES_MAX, rule.resizable(),
                fw.addFile(AcpiFiles.TABLES, s.tables, true, item -> update(), FwCfgWriteCallback.NONE));
        loader = new AcpiRamBlock(AcpiFiles.LOADER, s.loader, AcpiSizingRule.LOADER_MAX, rule.resizable(),
                fw.addFile(AcpiFiles.LOADER, s.loader, true, item -> update(), FwCfgWriteCallback.NONE));
        fw.addFile(AcpiFiles.TPM_LOG, new byte[0]);
        if (rule.rsdpInRam()) {
            rsdpBlock = new AcpiRamBlock(AcpiFiles.RSDP, s.rsdp, AcpiSizingRule.RSDP_MAX, rule.resizable(),
                    fw.addFile(AcpiFiles.RSDP, s.rsdp, true, item -> update(), FwCfgWriteCallback.NONE));
        } else {
            rsdpFile = fw.addFile(AcpiFiles.RSDP, Arrays.copyOf(s.rsdp, AcpiSizingRule.RSDP_FILE_SIZE), true,
                    item -> update(), FwCfgWriteCallback.NONE);
        }
        patched = false;
    }

    /** System reset: the next blob select rebuilds. */
    @Override
    public void reset() {
        patched = false;
    }

    /** Whether the blobs were rebuilt since the last reset (the migrated flag). */
    public boolean patched() {
        return patched;
    }

    /** Restores the migrated flag (vmstate "acpi_build": {@code patched} u8). */
    public void restorePatched(boolean value) {
        patched = value;
    }

    /** Number of builds so far (setup included). */
    public int builds() {
        return builds;
    }

    /** The latest build, unpadded (for tests and reports). */
    public AcpiBuildResult lastBuild() {
        return last;
    }

    /** Warnings QEMU would print (oversized tables, refused resizes). */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** The select callback of every blob: rebuild once after a reset. */
    private void update() {
        if (patched) {
            return;
        }
        patched = true;
        Sized s = buildSized();
        note(tables.resize(s.tables, rule.resizeNotifiesUnaligned()));
        note(loader.resize(s.loader, rule.resizeNotifiesUnaligned()));
        if (rsdpBlock != null) {
            note(rsdpBlock.resize(s.rsdp, rule.resizeNotifiesUnaligned()));
        } else {
            rsdpFile.replace(Arrays.copyOf(s.rsdp, AcpiSizingRule.RSDP_FILE_SIZE));
        }
    }

    private void note(String warning) {
        if (warning != null) {
            warnings.add(warning);
        }
    }

    private record Sized(byte[] tables, byte[] loader, byte[] rsdp) {
    }

    private Sized buildSized() {
        AcpiBuildResult r = AcpiBlobSizing.build(hardware, release);
        last = r;
        builds++;
        int raw = r.tables().length();
        int len = rule.tablesLength(raw, r.amlLength(), hardware.maxCpus());
        if (len < raw) {
            warnings.add("ACPI table size " + raw + " exceeds " + len + " bytes, migration may not work");
        } else if (rule.kind() != AcpiSizingRule.Kind.UNPADDED && raw > AcpiSizingRule.TABLE_PAD / 2) {
            warnings.add("ACPI table size " + raw + " exceeds " + AcpiSizingRule.TABLE_PAD / 2
                    + " bytes, migration may not work");
        }
        return new Sized(Arrays.copyOf(r.tables().bytes(), len),
                Arrays.copyOf(r.loader().bytes(), rule.loaderLength(r.loader().length())), r.rsdp().bytes());
    }

    /** The three blobs' RAM blocks (tables, loader, and the RSDP when it is one). */
    public List<RamBlockInfo> ramBlocks() {
        List<RamBlockInfo> out = new ArrayList<>();
        out.add(tables.info());
        out.add(loader.info());
        if (rsdpBlock != null) {
            out.add(rsdpBlock.info());
        }
        return out;
    }

    /**
     * Applies the sizes a migration's {@code fw_cfg/acpi_mr} carried (QEMU's post-load resize of
     * the three blocks; the contents arrive with the RAM section).
     */
    public void restoreRegionSizes(long[] sizes) {
        tables.restoreSize(sizes[0]);
        loader.restoreSize(sizes[1]);
        if (rsdpBlock != null) {
            rsdpBlock.restoreSize(sizes[2]);
        }
    }

    /**
     * The region sizes fw_cfg migrates in {@code fw_cfg/acpi_mr} (tables, loader, rsdp; the
     * RSDP size is 0 when it is a plain file).
     */
    public long[] regionSizes() {
        return new long[] {tables.regionSize(), loader.regionSize(), rsdpBlock == null ? 0 : rsdpBlock.regionSize()};
    }
}
