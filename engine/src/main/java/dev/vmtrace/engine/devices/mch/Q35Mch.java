package dev.vmtrace.engine.devices.mch;

import static dev.vmtrace.engine.devices.mch.MchRegisters.ESMRAMC;
import static dev.vmtrace.engine.devices.mch.MchRegisters.EXT_TSEG_MBYTES;
import static dev.vmtrace.engine.devices.mch.MchRegisters.F_SMBASE;
import static dev.vmtrace.engine.devices.mch.MchRegisters.PCIEXBAR;
import static dev.vmtrace.engine.devices.mch.MchRegisters.SMRAM;

import dev.vmtrace.engine.device.Device;
import dev.vmtrace.engine.devices.pci.PciConfig;
import dev.vmtrace.engine.devices.pci.PcieMmcfg;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.state.Migratable;
import dev.vmtrace.engine.state.StateNode;
import dev.vmtrace.engine.state.VmStateDescription;
import java.util.Objects;

/**
 * The q35 host bridge's PCI function (QEMU's {@code mch}, 00:00.0): its config space and the
 * register side effects that show in config reads or in the dispatch map. PCIEXBAR maps the
 * MMCONFIG window ({@link PcieMmcfg}); EXT_TSEG_MBYTES answers the 0xffff query; F_SMBASE
 * negotiates and locks; SMRAM.D_LCK closes D_OPEN and makes SMRAM/ESMRAMC read-only. The SMRAM,
 * TSEG and PAM memory remappings themselves are not modeled (they change RAM/ROM views, not the
 * device windows the engine dispatches to). Migrates as QEMU's {@code mch} section
 * ({@link MchSchema}); loading re-derives the window and the locks from the loaded bytes.
 */
public final class Q35Mch implements Device, Migratable {
    /** Device name (QOM type). */
    public static final String NAME = "mch";

    private final int extTsegMbytes;
    private final boolean smbaseSmram;
    private final PciConfig config;
    private final PcieMmcfg mmcfg;

    /**
     * A host bridge with the {@code extended-tseg-mbytes} and {@code smbase-smram} properties of
     * its machine type, driving {@code mmcfg}.
     */
    public Q35Mch(int extTsegMbytes, boolean smbaseSmram, PcieMmcfg mmcfg) {
        if (extTsegMbytes < 0 || extTsegMbytes > 0xfff) {
            throw new IllegalArgumentException("extended-tseg-mbytes " + extTsegMbytes + " is above 4095");
        }
        this.extTsegMbytes = extTsegMbytes;
        this.smbaseSmram = smbaseSmram;
        this.mmcfg = Objects.requireNonNull(mmcfg, "mmcfg");
        this.config = new PciConfig(MchRegisters.resetImage(extTsegMbytes));
        config.setListener(this::configWritten);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The bridge's config space (registered with the PCI host at 00:00.0). */
    public PciConfig config() {
        return config;
    }

    @Override
    public void reset() {
        config.reset();
        // Reset re-opens the masks a lock closed (QEMU's mch_reset sets them again).
        config.setCurrentWmask(SMRAM, MchRegisters.SMRAM_WMASK);
        config.setCurrentWmask(ESMRAMC, MchRegisters.ESMRAMC_WMASK);
        config.setCurrentWmask(F_SMBASE, 0xff);
        updatePciexbar();
    }

    private void configWritten(int offset, int size) {
        if (PciConfig.overlaps(offset, size, PCIEXBAR, 8)) {
            updatePciexbar();
        }
        if (PciConfig.overlaps(offset, size, SMRAM, 2)) {
            updateSmram();
        }
        if (PciConfig.overlaps(offset, size, EXT_TSEG_MBYTES, 2)) {
            updateExtTseg();
        }
        if (PciConfig.overlaps(offset, size, F_SMBASE, 1)) {
            updateSmbase();
        }
    }

    private void updatePciexbar() {
        long bar = config.read(PCIEXBAR, 4) | (config.read(PCIEXBAR + 4, 4) << 32);
        long mask = MchRegisters.PCIEXBAR_BASE_MASK;
        long size;
        switch ((int) (bar >>> MchRegisters.PCIEXBAR_LENGTH_SHIFT) & 3) {
            case 0:
                size = 256L << 20;
                break;
            case 1:
                size = 128L << 20;
                mask |= (1L << 26) | (1L << 25);
                break;
            case 2:
                size = 64L << 20;
                mask |= 1L << 25;
                break;
            default:
                // Reserved length: QEMU logs a guest error and leaves the window as it was.
                return;
        }
        mmcfg.update((bar & 1) != 0, bar & mask, size);
    }

    private void updateSmram() {
        int smram = (int) config.read(SMRAM, 1);
        if ((smram & MchRegisters.SMRAM_D_LCK) != 0) {
            config.set(SMRAM, smram & ~MchRegisters.SMRAM_D_OPEN, 1);
            config.setCurrentWmask(SMRAM, MchRegisters.SMRAM_WMASK_LOCKED);
            config.setCurrentWmask(ESMRAMC, 0);
        }
    }

    private void updateExtTseg() {
        if (extTsegMbytes > 0 && config.read(EXT_TSEG_MBYTES, 2) == MchRegisters.EXT_TSEG_QUERY) {
            config.set(EXT_TSEG_MBYTES, extTsegMbytes, 2);
        }
    }

    private void updateSmbase() {
        if (!smbaseSmram) {
            return;
        }
        int reg = (int) config.read(F_SMBASE, 1);
        if (reg == MchRegisters.F_SMBASE_QUERY) {
            config.setCurrentWmask(F_SMBASE, MchRegisters.F_SMBASE_LCK);
            config.set(F_SMBASE, MchRegisters.F_SMBASE_IN_RAM, 1);
            return;
        }
        if (config.wmask(F_SMBASE) == 0xff) {
            // Not negotiated yet: any other value is discarded.
            config.set(F_SMBASE, 0, 1);
            reg = 0;
        }
        if ((reg & MchRegisters.F_SMBASE_LCK) != 0) {
            config.setCurrentWmask(F_SMBASE, config.wmask(F_SMBASE) & ~MchRegisters.F_SMBASE_LCK);
            config.set(F_SMBASE, MchRegisters.F_SMBASE_LCK, 1);
        }
    }

    @Override
    public String sectionId() {
        return MchSchema.SECTION;
    }

    @Override
    public VmStateDescription vmstate() {
        return MchSchema.MCH;
    }

    @Override
    public StateNode state() {
        return MchSchema.node(config.bytes());
    }

    /**
     * Loads the config bytes, then applies them as QEMU's post-load does (the destination's masks
     * are its own: a lock the source had is re-derived from the bytes, and an F_SMBASE answer
     * arriving at a bridge that never negotiated is discarded, as on a QEMU destination).
     */
    @Override
    public void restore(StateNode s) throws BadInputException {
        byte[] cfg;
        try {
            cfg = MchSchema.config(s);
            if (cfg.length != PciConfig.SIZE) {
                throw new IllegalArgumentException("mch config has " + cfg.length + " bytes, not 256");
            }
        } catch (IllegalStateException | IllegalArgumentException | ClassCastException e) {
            throw BadInputException.unreadable(MchSchema.SECTION, e.getMessage(), e);
        }
        config.load(cfg);
        updatePciexbar();
        updateSmram();
        updateExtTseg();
        updateSmbase();
    }

    /** The MMCONFIG window this bridge maps. */
    public PcieMmcfg mmcfg() {
        return mmcfg;
    }
}
