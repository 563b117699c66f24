package dev.vmtrace.compat.check;

import dev.vmtrace.compat.model.SchemaKind;
import dev.vmtrace.compat.model.SchemaSet;
import dev.vmtrace.compat.model.SectionSchema;
import dev.vmtrace.engine.stream.RamBlock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Predicts whether a destination described by one schema set loads what a source described by
 * another sends. Findings come in the order a destination meets the problems: configuration, then
 * the source's sections in stream order (the RAM section's block list where the RAM section is),
 * then destination-only items. The first error names where QEMU stops.
 */
public final class CompatChecker {
    private CompatChecker() {
    }

    /** Checks {@code src} -> {@code dst}. */
    public static CompatResult check(SchemaSet src, SchemaSet dst) {
        List<Finding> out = new ArrayList<>();
        configuration(src, dst, out);
        boolean byVmsd = src.kind() != dst.kind() && (src.kind() == SchemaKind.DUMP || dst.kind() == SchemaKind.DUMP);
        boolean dstKnowsAll = dst.kind() != SchemaKind.STREAM;
        // identity, not equality: the question is which of dst's own sections were matched, and a
        // record's hashCode would walk the whole description tree of every section
        Set<SectionSchema> matched = Collections.newSetFromMap(new IdentityHashMap<>());
        for (SectionSchema s : src.sections()) {
            if (s.name().equals("ram") && src.ramBlocks() != null) {
                SectionSchema d = dst.section("ram", 0);
                if (d != null) {
                    matched.add(d);
                    versions(s, d, idString(src, dst, s, d), out);
                }
                ramBlocks(src, dst, out);
                if (d != null || dst.ramBlocks() == null) {
                    continue;
                }
            }
            SectionSchema d = byVmsd ? byVmsd(s, dst) : dst.section(s.name(), s.instanceId());
            if (d == null) {
                if (dst.kind() == SchemaKind.DUMP && src.kind() != SchemaKind.DUMP) {
                    out.add(Finding.of(FindingCode.SECTION_NOT_IN_DUMP, s.key(), "the destination dump has no entry for "
                            + s.key() + (s.vmsdName() == null ? "" : " (" + s.vmsdName() + ")")
                            + "; -dump-vmstate omits state registered outside device classes", "", s.key()));
                } else {
                    out.add(Finding.of(FindingCode.SECTION_UNKNOWN, s.key(), "source sends section " + s.key()
                            + " which the destination does not have",
                            "QEMU: Unknown savevm section or instance '" + s.name() + "' " + s.instanceId(), s.key()));
                }
                continue;
            }
            matched.add(d);
            int first = out.size();
            versions(s, d, idString(src, dst, s, d), out);
            ByteShift shift = new ByteShift();
            description(s, d, dstKnowsAll, src.kind() == SchemaKind.STREAM && dst.kind() == SchemaKind.DUMP, shift, out);
            // QEMU switches footers off together with the configuration section (machine types up to
            // 2.3); a dump does not say. The destination's name is QEMU's id string whenever it checks.
            shift.quote(out, first, Boolean.TRUE.equals(dst.sendsConfiguration()), d.name());
        }
        if (!byVmsd) {
            for (SectionSchema d : dst.sections()) {
                if (!matched.contains(d)) {
                    out.add(Finding.of(FindingCode.SECTION_ONLY_IN_DESTINATION, d.key(), "destination has section "
                            + d.key() + " which the source does not send; the destination keeps its own state", "", d.key()));
                }
            }
        }
        acpi(src, dst, out);
        return new CompatResult(src.origin(), dst.origin(), out);
    }

    private static SectionSchema byVmsd(SectionSchema s, SchemaSet dst) {
        if (s.vmsdName() == null) {
            return dst.section(s.name(), s.instanceId());
        }
        String tail = s.name().contains("/") ? s.name().substring(s.name().lastIndexOf('/') + 1) : s.name();
        SectionSchema first = null;
        for (SectionSchema d : dst.sections()) {
            if (s.vmsdName().equals(d.vmsdName())) {
                if (d.name().equals(tail) || d.name().equals(s.name())) {
                    return d;
                }
                if (first == null) {
                    first = d;
                }
            }
        }
        return first;
    }

    private static void configuration(SchemaSet src, SchemaSet dst, List<Finding> out) {
        String evidence = "source " + src.origin() + ": " + machine(src) + "; destination " + dst.origin() + ": " + machine(dst);
        if (src.sendsConfiguration() != null && dst.sendsConfiguration() != null) {
            if (src.sendsConfiguration() && !dst.sendsConfiguration()) {
                out.add(Finding.of(FindingCode.CONFIG_UNEXPECTED, "configuration", "source sends a configuration section ("
                        + src.machineType() + ") but the destination's machine type accepts none",
                        evidence + "; QEMU: Unknown savevm section type 7", "configuration"));
            } else if (!src.sendsConfiguration() && dst.sendsConfiguration()) {
                out.add(Finding.of(FindingCode.CONFIG_MISSING, "configuration", "destination " + dst.machineType()
                        + " expects a configuration section the source does not send",
                        evidence + "; QEMU: Configuration section missing", "configuration"));
            } else if (src.sendsConfiguration() && !src.machineType().equals(dst.machineType())) {
                out.add(Finding.of(FindingCode.MACHINE_TYPE_MISMATCH, "configuration", "source machine type "
                        + src.machineType() + " is not the destination's " + dst.machineType(),
                        evidence + "; QEMU: Machine type received is '" + src.machineType() + "' and local is '"
                                + dst.machineType() + "'", "configuration"));
            }
        } else if (src.machineType() != null && dst.machineType() != null && !src.machineType().equals(dst.machineType())) {
            out.add(Finding.of(FindingCode.MACHINE_TYPE_DIFFERS, "configuration", "the inputs name machine types "
                    + src.machineType() + " and " + dst.machineType() + "; a dump describes the binary, so machine-type "
                    + "effects (compat properties, RAM blocks) are not visible", evidence, "configuration"));
        }
    }

    private static String machine(SchemaSet s) {
        if (s.machineType() == null) {
            return "no machine type";
        }
        return s.machineType() + (Boolean.FALSE.equals(s.sendsConfiguration()) ? " (no configuration section)" : "");
    }

    /** QEMU's id string of a matched section: a dump names QOM types instead; null when both are dumps. */
    private static String idString(SchemaSet src, SchemaSet dst, SectionSchema s, SectionSchema d) {
        return src.kind() != SchemaKind.DUMP ? s.name() : dst.kind() != SchemaKind.DUMP ? d.name() : null;
    }

    private static void versions(SectionSchema s, SectionSchema d, String idstr, List<Finding> out) {
        String ev = "source version_id " + s.version() + "; destination version_id " + d.version()
                + (d.minimumVersion() >= 0 ? ", minimum_version_id " + d.minimumVersion() : ", minimum unknown");
        if (s.version() > d.version()) {
            // QEMU compares the section's version before its description's, and words it this way
            String quote = idstr == null ? "" : "; QEMU: savevm: unsupported version " + s.version() + " for '" + idstr
                    + "' v" + d.version();
            out.add(Finding.of(FindingCode.SECTION_VERSION_TOO_NEW, s.key(), "section " + s.key() + " version "
                    + s.version() + " is newer than the destination's " + d.version(), ev + quote, s.key()));
        } else if (d.minimumVersion() >= 0 && s.version() < d.minimumVersion()) {
            out.add(Finding.of(FindingCode.SECTION_VERSION_TOO_OLD, s.key(), "section " + s.key() + " version "
                    + s.version() + " is older than the destination's minimum " + d.minimumVersion(), ev, s.key()));
        } else if (d.minimumVersion() < 0 && s.version() < d.version()) {
            out.add(Finding.of(FindingCode.SECTION_MINIMUM_UNKNOWN, s.key(), "section " + s.key() + " version "
                    + s.version() + " is older than the destination's " + d.version()
                    + " and the destination's minimum version is unknown (give a -dump-vmstate)", ev, s.key()));
        }
    }

    private static void description(SectionSchema s, SectionSchema d, boolean dstKnowsAll, boolean emptyArraysHidden,
            ByteShift shift, List<Finding> out) {
        String key = s.key();
        if (s.description() == null || d.description() == null) {
            if (s.description() != null && d.description() == null && d.length() < 0) {
                out.add(Finding.of(FindingCode.DESCRIPTION_MISSING, key, "destination has " + d.key()
                        + " but no description for it; the source sends " + s.vmsdName(), "", key));
            } else if (s.description() == null && d.description() == null) {
                if (s.length() >= 0 && d.length() >= 0 && s.length() != d.length()) {
                    out.add(Finding.of(FindingCode.SECTION_LENGTH_DIFFERS, key, "section " + key + " is " + s.length()
                            + " bytes in the source and " + d.length() + " in the destination; without a vmdesc the "
                            + "fields cannot be named, but the layouts differ", "", key));
                }
            } else {
                out.add(Finding.of(FindingCode.FIELDS_NOT_COMPARED, key, "fields of " + key
                        + " not compared: one side has no description of them", "", key));
            }
            return;
        }
        if (!s.description().sameName(d.description())) {
            out.add(Finding.of(FindingCode.DESCRIPTION_RENAMED, key, "description " + s.vmsdName() + " is named "
                    + d.vmsdName() + " in the destination", "subsection names start with the description name", key));
        }
        int dv = d.description().version();
        int dm = d.description().minimumVersion();
        int sv = s.description().version();
        // A description at the same version on both sides is the same layout; a dump whose description
        // version is below its own minimum (as QEMU's test data has) then still loads itself.
        if ((sv != s.version() || dv != d.version()) && sv != dv) {
            if (sv > dv) {
                out.add(Finding.of(FindingCode.DESCRIPTION_VERSION_TOO_NEW, key, "description " + s.vmsdName()
                        + " version " + sv + " is newer than the destination's " + dv, "", key));
            } else if (dm >= 0 && sv < dm) {
                out.add(Finding.of(FindingCode.DESCRIPTION_VERSION_TOO_OLD, key, "description " + s.vmsdName()
                        + " version " + sv + " is older than the destination's minimum " + dm, "", key));
            }
        }
        new DescriptionComparer(out, key, dstKnowsAll, emptyArraysHidden, shift).compare(s.description(), d.description(), s.version(), key);
    }

    private static RamBlock find(List<RamBlock> blocks, String id) {
        for (RamBlock b : blocks) {
            if (b.id().equals(id)) {
                return b;
            }
        }
        return null;
    }

    private static void ramBlocks(SchemaSet src, SchemaSet dst, List<Finding> out) {
        if (dst.ramBlocks() == null) {
            return;
        }
        for (RamBlock b : src.ramBlocks()) {
            String path = "ram > " + b.id();
            RamBlock d = null;
            for (RamBlock x : dst.ramBlocks()) {
                if (x.id().equals(b.id())) {
                    d = x;
                }
            }
            if (d == null) {
                out.add(Finding.of(FindingCode.RAMBLOCK_UNKNOWN, path, "source sends RAM block " + b.id()
                        + " which the destination does not have", "QEMU: Unknown ramblock \"" + b.id()
                        + "\", cannot accept migration", "ram"));
                continue;
            }
            if (d.usedLength() == b.usedLength()) {
                continue;
            }
            RamBlockRule rule = RamBlockRule.of(b.id(), dst.machineType(), dst.release());
            String ev = String.format("source used_length 0x%x; destination used_length 0x%x; rule %s: %s",
                    b.usedLength(), d.usedLength(), rule.name(), rule.explanation());
            if (!rule.resizable()) {
                out.add(Finding.of(FindingCode.RAMBLOCK_SIZE_MISMATCH, path, String.format(
                        "RAM block %s is 0x%x bytes in the source and 0x%x in the destination, and cannot be resized",
                        b.id(), b.usedLength(), d.usedLength()), ev + String.format(
                        "; QEMU: Size mismatch: %s: 0x%x != 0x%x: Invalid argument", b.id(), b.usedLength(), d.usedLength()),
                        "ram"));
            } else if (b.usedLength() > rule.maxLength()) {
                out.add(Finding.of(FindingCode.RAMBLOCK_TOO_LARGE, path, String.format(
                        "RAM block %s is 0x%x bytes, above the destination's maximum 0x%x", b.id(), b.usedLength(),
                        rule.maxLength()), ev + "; QEMU: Size too large", "ram"));
            } else {
                out.add(Finding.of(FindingCode.RAMBLOCK_RESIZED, path, String.format(
                        "RAM block %s (0x%x in the source, 0x%x in the destination) is resized on load", b.id(),
                        b.usedLength(), d.usedLength()), ev, "ram"));
            }
        }
        for (RamBlock d : dst.ramBlocks()) {
            if (src.ramBlocks().stream().noneMatch(b -> b.id().equals(d.id()))) {
                out.add(Finding.of(FindingCode.RAMBLOCK_ONLY_IN_DESTINATION, "ram > " + d.id(), "destination has RAM block "
                        + d.id() + " which the source does not send; it is left as it is", "", "ram"));
            }
        }
    }

    private static void acpi(SchemaSet src, SchemaSet dst, List<Finding> out) {
        if (src.ramBlocks() == null) {
            return;
        }
        for (RamBlock b : src.ramBlocks()) {
            if (b.id().equals(RamBlockRule.ACPI_TABLES) && b.usedLength() > RamBlockRule.TABLE_PADDING
                    && !RamBlockRule.legacyAcpiSizing(src.machineType())) {
                out.add(Finding.of(FindingCode.ACPI_TABLES_BEYOND_PADDING, "ram > " + b.id(), String.format(
                        "ACPI tables are 0x%x bytes, beyond the 0x%x padding: QEMU warned the content exceeds half of it, "
                        + "and the size now changes with the configuration", b.usedLength(), RamBlockRule.TABLE_PADDING),
                        "formats.md section 7: tables padded to 0x20000 from machine type 2.1 on", "ram"));
            }
        }
        String legacy = RamBlockRule.legacyAcpiSizing(dst.machineType()) ? dst.machineType()
                : RamBlockRule.legacyAcpiSizing(src.machineType()) ? src.machineType() : null;
        String evidence = "legacy_acpi_table_size + 97 bytes per possible CPU, rounded to 4 KiB (devices.md section 5.3)";
        if (legacy == null) {
            // Streams of legacy machine types carry no machine name; their unpadded tables give them away.
            for (SchemaSet side : List.of(src, dst)) {
                RamBlock t = side.ramBlocks() == null ? null : find(side.ramBlocks(), RamBlockRule.ACPI_TABLES);
                if (legacy == null && t != null && t.usedLength() % RamBlockRule.TABLE_PADDING != 0) {
                    legacy = side.origin() + " (a legacy-sized machine type)";
                    evidence = String.format("%s: tables used_length 0x%x is not padded to 0x%x; ", side.origin(),
                            t.usedLength(), RamBlockRule.TABLE_PADDING) + evidence;
                }
            }
        }
        if (legacy != null) {
            out.add(Finding.of(FindingCode.ACPI_LEGACY_SIZING, "ram > " + RamBlockRule.ACPI_TABLES, legacy
                    + " sizes ACPI tables by possible CPUs without padding: the blob size follows maxcpus and can grow "
                    + "after hotplug and a reboot; only destinations with resizable ACPI blocks (QEMU >= 2.3) accept that",
                    evidence, "ram"));
        }
    }
}
