package dev.vmtrace.engine.acpi;

import dev.vmtrace.engine.machine.MachineFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the ACPI tables describe: the platform family, CPUs, PCI bridges, NVDIMMs and memory
 * backends. Mutable, because devices can be hot-added while the guest runs: the tables only
 * change at the rebuild that follows the next reset (devices.md 5.3).
 */
public final class AcpiHardware {
    private final MachineFamily family;
    private final int cpus;
    private final int maxCpus;
    private final boolean nvdimmEnabled;
    private final int memorySlots;
    private int pciBridges;
    private final List<Nvdimm> nvdimms = new ArrayList<>();
    private final List<MemoryBackend> backends = new ArrayList<>();
    private Supplier<PciMmconfig> mmconfig = () -> null;
    private LongSupplier pmIoBase = () -> 0;

    /** An NVDIMM device ({@code -device nvdimm,id=ID,memdev=BACKEND}). */
    public record Nvdimm(String id, String memdev) {
        /** Validates. */
        public Nvdimm {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(memdev, "memdev");
        }
    }

    /** A memory backend ({@code -object memory-backend-ram,id=ID,size=N}): one RAM block named ID. */
    public record MemoryBackend(String id, long size) {
        /** Validates. */
        public MemoryBackend {
            Objects.requireNonNull(id, "id");
            if (size <= 0) {
                throw new IllegalArgumentException("memory backend size must be positive: " + id);
            }
        }
    }

    /**
     * A platform.
     *
     * @param family PC (i440fx, q35) or ARM virt
     * @param cpus CPUs present
     * @param maxCpus possible CPUs (the APIC ID limit on PCs)
     * @param nvdimmEnabled {@code -M ...,nvdimm=on}
     * @param memorySlots {@code -m ...,slots=N}
     */
    public AcpiHardware(MachineFamily family, int cpus, int maxCpus, boolean nvdimmEnabled, int memorySlots) {
        this.family = Objects.requireNonNull(family, "family");
        if (cpus < 1 || maxCpus < cpus || memorySlots < 0) {
            throw new IllegalArgumentException("bad ACPI hardware: cpus=" + cpus + " max=" + maxCpus + " slots=" + memorySlots);
        }
        this.cpus = cpus;
        this.maxCpus = maxCpus;
        this.nvdimmEnabled = nvdimmEnabled;
        this.memorySlots = memorySlots;
    }

    /** The platform family. */
    public MachineFamily family() {
        return family;
    }

    /** CPUs present. */
    public int cpus() {
        return cpus;
    }

    /** Possible CPUs (the APIC ID limit on PCs). */
    public int maxCpus() {
        return maxCpus;
    }

    /** Whether NVDIMM support is on ({@code nvdimm=on}). */
    public boolean nvdimmEnabled() {
        return nvdimmEnabled;
    }

    /** Memory hotplug slots. */
    public int memorySlots() {
        return memorySlots;
    }

    /** PCI bridges plugged so far. */
    public int pciBridges() {
        return pciBridges;
    }

    /** NVDIMMs plugged so far. */
    public List<Nvdimm> nvdimms() {
        return List.copyOf(nvdimms);
    }

    /** Memory backends (one RAM block each). */
    public List<MemoryBackend> backends() {
        return List.copyOf(backends);
    }

    /** Adds a memory backend (its RAM block appears at once). */
    public void addBackend(MemoryBackend b) {
        for (MemoryBackend o : backends) {
            if (o.id().equals(b.id())) {
                throw new IllegalArgumentException("duplicate memory backend " + b.id());
            }
        }
        backends.add(b);
    }

    /**
     * Plugs an NVDIMM (cold plug before the first build, or hot plug: {@code device_add nvdimm}).
     *
     * @throws IllegalStateException when NVDIMM support is off or every memory slot is used, as
     *     QEMU refuses the device_add
     */
    public void plugNvdimm(Nvdimm n) {
        if (!nvdimmEnabled) {
            throw new IllegalStateException("nvdimm is not enabled: missing 'nvdimm=on' in '-M'");
        }
        if (nvdimms.size() >= memorySlots) {
            throw new IllegalStateException("no free slots left for nvdimm " + n.id());
        }
        nvdimms.add(n);
    }

    /** Plugs a PCI bridge (cold or hot). */
    public void plugPciBridge() {
        pciBridges++;
    }

    /**
     * Connects the live MMCONFIG window (q35: the host bridge's PCIEXBAR). Every build asks
     * {@code source} afresh, as QEMU reads the host bridge's properties at each build; it returns
     * null while the window is unmapped. Without a source (i440fx, or no machine) there is none.
     */
    public void attachMmconfig(Supplier<PciMmconfig> source) {
        this.mmconfig = Objects.requireNonNull(source, "source");
    }

    /** The MMCONFIG window as it is now: present only while the firmware has it enabled. */
    public Optional<PciMmconfig> mmconfig() {
        return Optional.ofNullable(mmconfig.get());
    }

    /**
     * Connects the PM function's I/O base (PIIX4 PM's or ICH9 LPC's PMBASE as the device uses
     * it). The FADT's PM blocks are built from it at every build, as QEMU reads the PM device's
     * {@code pm_io_base} then; without a source it is 0, as on a machine whose firmware has not
     * programmed PMBASE yet.
     */
    public void attachPmIoBase(LongSupplier source) {
        this.pmIoBase = Objects.requireNonNull(source, "source");
    }

    /** The PM I/O base as it is now. */
    public long pmIoBase() {
        return pmIoBase.getAsLong();
    }
}
