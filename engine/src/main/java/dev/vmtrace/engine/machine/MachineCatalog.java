package dev.vmtrace.engine.machine;

import dev.vmtrace.engine.pc.PcCompat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Which machine types each release offers, and every compat property value of each, collected
 * from {@link PcCompat} and the {@link MachinePart}s on the class path.
 */
public final class MachineCatalog {
    /** Machine-type versions of pc-i440fx offered by QEMU 7.2 ({@code -M help}). */
    public static final List<MachineVersion> I440FX_VERSIONS = versions("1.4", "1.5", "1.6", "1.7", "2.0", "2.1",
            "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8", "2.9", "2.10", "2.11", "2.12", "3.0", "3.1", "4.0",
            "4.1", "4.2", "5.0", "5.1", "5.2", "6.0", "6.1", "6.2", "7.0", "7.1", "7.2");
    /** Machine-type versions of pc-q35 offered by QEMU 7.2. */
    public static final List<MachineVersion> Q35_VERSIONS = versions("2.4", "2.5", "2.6", "2.7", "2.8", "2.9",
            "2.10", "2.11", "2.12", "3.0", "3.1", "4.0", "4.0.1", "4.1", "4.2", "5.0", "5.1", "5.2", "6.0", "6.1",
            "6.2", "7.0", "7.1", "7.2");
    /** Placeholder versions of ARM virt (no region map yet). */
    public static final List<MachineVersion> VIRT_VERSIONS = versions("2.6", "2.7", "2.8", "2.9", "2.10", "2.11",
            "2.12", "3.0", "3.1", "4.0", "4.1", "4.2", "5.0", "5.1", "5.2", "6.0", "6.1", "6.2", "7.0", "7.1", "7.2");

    private static final MachineCatalog DEFAULT = new MachineCatalog(loadParts());

    private final List<MachinePart> parts;
    private final List<CompatProperty<?>> properties;
    private final List<CompatEntry<?>> entries;

    /** A catalogue over the built-in compat facts plus those of {@code parts}. */
    public MachineCatalog(List<MachinePart> parts) {
        List<MachinePart> sorted = new ArrayList<>(parts);
        sorted.sort(Comparator.comparingInt(MachinePart::order).thenComparing(MachinePart::id));
        this.parts = List.copyOf(sorted);
        List<CompatProperty<?>> props = new ArrayList<>(PcCompat.PROPERTIES);
        List<CompatEntry<?>> ents = new ArrayList<>(PcCompat.ENTRIES);
        for (MachinePart p : this.parts) {
            props.addAll(p.compatProperties());
            ents.addAll(p.compatEntries());
        }
        for (CompatEntry<?> e : ents) {
            if (!props.contains(e.property())) {
                throw new IllegalStateException("compat entry for undeclared property " + e.property().key());
            }
        }
        this.properties = List.copyOf(props);
        this.entries = List.copyOf(ents);
    }

    /** The catalogue of every part found by ServiceLoader. */
    public static MachineCatalog standard() {
        return DEFAULT;
    }

    private static List<MachinePart> loadParts() {
        List<MachinePart> list = new ArrayList<>();
        for (MachinePart p : ServiceLoader.load(MachinePart.class, MachineCatalog.class.getClassLoader())) {
            list.add(p);
        }
        return list;
    }

    private static List<MachineVersion> versions(String... vs) {
        List<MachineVersion> out = new ArrayList<>();
        for (String v : vs) {
            out.add(MachineVersion.parse(v));
        }
        return List.copyOf(out);
    }

    /** The device parts, in build order. */
    public List<MachinePart> parts() {
        return parts;
    }

    /** Every compat property. */
    public List<CompatProperty<?>> properties() {
        return properties;
    }

    /** Every compat fact. */
    public List<CompatEntry<?>> entries() {
        return entries;
    }

    /** The versions of {@code family} that {@code release} offers (those not newer than it). */
    public List<MachineVersion> versions(MachineFamily family, Release release) {
        List<MachineVersion> all = family == MachineFamily.I440FX ? I440FX_VERSIONS
                : family == MachineFamily.Q35 ? Q35_VERSIONS : VIRT_VERSIONS;
        List<MachineVersion> out = new ArrayList<>();
        for (MachineVersion v : all) {
            if (v.atMost(release.major(), release.minor())) {
                out.add(v);
            }
        }
        return out;
    }

    /** Every machine type {@code release} offers. */
    public List<MachineType> machineTypes(Release release) {
        List<MachineType> out = new ArrayList<>();
        for (MachineFamily f : MachineFamily.values()) {
            for (MachineVersion v : versions(f, release)) {
                out.add(build(f, v));
            }
        }
        return out;
    }

    /**
     * Resolves a machine name ({@code pc-q35-7.2}, or the aliases {@code pc} and {@code q35}) as
     * {@code release} offers it; null when that release has no such type.
     */
    public MachineType resolve(String name, Release release) {
        for (MachineFamily f : MachineFamily.values()) {
            List<MachineVersion> vs = versions(f, release);
            if (vs.isEmpty()) {
                continue;
            }
            boolean alias = (f == MachineFamily.I440FX && name.equals("pc")) || (f == MachineFamily.Q35 && name.equals("q35"));
            if (alias) {
                return build(f, vs.get(vs.size() - 1));
            }
            if (name.startsWith(f.prefix() + "-")) {
                MachineVersion v = MachineVersion.parse(name.substring(f.prefix().length() + 1));
                if (v != null && vs.contains(v)) {
                    return build(f, v);
                }
            }
        }
        return null;
    }

    /** Builds the immutable type {@code family}-{@code version} from the compat entries. */
    public MachineType build(MachineFamily family, MachineVersion version) {
        Map<CompatProperty<?>, Object> values = new LinkedHashMap<>();
        for (CompatProperty<?> p : properties) {
            if (p.appliesTo(family)) {
                values.put(p, p.defaultValue());
            }
        }
        for (CompatEntry<?> e : entries) {
            if (e.property().appliesTo(family) && e.appliesTo(family, version)) {
                values.put(e.property(), e.value());
            }
        }
        return new MachineType(family, version, values);
    }
}
