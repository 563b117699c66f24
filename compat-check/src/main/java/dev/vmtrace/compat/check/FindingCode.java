package dev.vmtrace.compat.check;

/**
 * The stable finding codes with their default severities. Codes are never renamed or reused;
 * docs/findings.md documents each with an example.
 */
public enum FindingCode {
    CONFIG_MISSING(Severity.ERROR, "destination expects a configuration section the source does not send"),
    CONFIG_UNEXPECTED(Severity.ERROR, "source sends a configuration section the destination machine type does not accept"),
    MACHINE_TYPE_MISMATCH(Severity.ERROR, "configuration section names another machine type than the destination's"),
    MACHINE_TYPE_DIFFERS(Severity.WARNING, "the inputs name different machine types but cannot show the effect (dumps)"),
    SECTION_UNKNOWN(Severity.ERROR, "source sends a section the destination does not have"),
    SECTION_ONLY_IN_DESTINATION(Severity.INFO, "destination has a section the source does not send (harmless)"),
    SECTION_NOT_IN_DUMP(Severity.INFO, "a dump cannot describe this section (state registered outside device classes)"),
    SECTION_VERSION_TOO_NEW(Severity.ERROR, "section version_id is newer than the destination's version_id"),
    SECTION_VERSION_TOO_OLD(Severity.ERROR, "section version_id is older than the destination's minimum_version_id"),
    SECTION_MINIMUM_UNKNOWN(Severity.WARNING, "section version is older than the destination's and its minimum is unknown"),
    SECTION_LENGTH_DIFFERS(Severity.ERROR, "undescribed sections (no vmdesc) have different body lengths"),
    FIELDS_NOT_COMPARED(Severity.INFO, "a side has no description of the section, fields were not compared"),
    DESCRIPTION_MISSING(Severity.ERROR, "destination has the section but no description for it"),
    DESCRIPTION_RENAMED(Severity.ERROR, "description (vmsd) name differs"),
    DESCRIPTION_VERSION_TOO_NEW(Severity.ERROR, "description version is newer than the destination's"),
    DESCRIPTION_VERSION_TOO_OLD(Severity.ERROR, "description version is older than the destination's minimum"),
    NESTED_DESCRIPTION_RENAMED(Severity.WARNING, "a nested struct's description name differs (not on the wire)"),
    NESTED_DESCRIPTION_MISSING(Severity.ERROR, "one side describes a field as a nested struct, the other does not"),
    FIELDS_MISSING(Severity.ERROR, "destination description has no fields, the source sends some"),
    FIELD_MISSING_IN_DESTINATION(Severity.ERROR, "source sends a field the destination does not read"),
    FIELD_EXTRA_IN_DESTINATION(Severity.ERROR, "destination reads a field the source does not send"),
    FIELD_SIZE_MISMATCH(Severity.ERROR, "same field, different size"),
    FIELD_TYPE_MISMATCH(Severity.ERROR, "same field, different wire type"),
    FIELD_COUNT_MISMATCH(Severity.ERROR, "same array field, different element count"),
    FIELD_REORDERED(Severity.ERROR, "fields appear in a different order"),
    FIELD_EXISTS_CHANGED(Severity.WARNING, "a field_exists test was added or removed: presence depends on runtime state"),
    UNUSED_SIZE_MISMATCH(Severity.ERROR, "unused padding of different size"),
    FIELD_REPLACED_BY_PADDING(Severity.INFO, "a field became unused padding of the same size (compatible)"),
    STRUCT_WRAPPED(Severity.INFO, "fields moved into or out of a nested struct; wire layout unchanged"),
    SUBSECTION_UNKNOWN(Severity.ERROR, "source may send a subsection the destination does not know"),
    SUBSECTION_NOT_IN_DESTINATION(Severity.WARNING, "source sends a subsection the destination stream does not show; it may or may not know it"),
    SUBSECTION_VERSION_TOO_NEW(Severity.ERROR, "subsection version is newer than the destination's"),
    SUBSECTION_VERSION_TOO_OLD(Severity.ERROR, "subsection version is older than the destination's minimum"),
    RAMBLOCK_UNKNOWN(Severity.ERROR, "source sends a RAM block the destination does not have"),
    RAMBLOCK_SIZE_MISMATCH(Severity.ERROR, "fixed-size RAM block with a different used length"),
    RAMBLOCK_TOO_LARGE(Severity.ERROR, "resizable RAM block larger than the destination's maximum"),
    RAMBLOCK_RESIZED(Severity.INFO, "resizable RAM block, the destination resizes it"),
    RAMBLOCK_ONLY_IN_DESTINATION(Severity.INFO, "destination has a RAM block the source does not send (ignored)"),
    ACPI_TABLES_BEYOND_PADDING(Severity.WARNING, "ACPI tables outgrew the 128 KiB padding: size now depends on the configuration"),
    ACPI_LEGACY_SIZING(Severity.WARNING, "legacy ACPI sizing: blob sizes follow maxcpus and may grow across a reboot");

    private final Severity severity;
    private final String summary;

    FindingCode(Severity severity, String summary) {
        this.severity = severity;
        this.summary = summary;
    }

    /** The default severity of findings with this code. */
    public Severity severity() {
        return severity;
    }

    /** One line saying what the code means. */
    public String summary() {
        return summary;
    }
}
