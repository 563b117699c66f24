package dev.vmtrace.engine.machine;

/** The machine-type families vmtrace knows. */
public enum MachineFamily {
    /** {@code pc-i440fx-X.Y}: i440FX host bridge, PIIX3/PIIX4 PM. */
    I440FX("pc-i440fx"),
    /** {@code pc-q35-X.Y}: Q35 MCH, ICH9 LPC/PM. */
    Q35("pc-q35"),
    /** {@code virt-X.Y}: ARM virt (placeholder: no region map yet). */
    VIRT("virt");

    private final String prefix;

    MachineFamily(String prefix) {
        this.prefix = prefix;
    }

    /** The type-name prefix. */
    public String prefix() {
        return prefix;
    }
}
