package dev.vmtrace.engine.acpi;

/**
 * One thing the firmware loader noticed, as data.
 *
 * @param severity {@code error} (the firmware rejects the script: OVMF aborts, SeaBIOS skips the
 *     command), {@code warning} or {@code info}
 * @param code stable code: {@code invalid-checksum-range}, {@code invalid-pointer-value},
 *     {@code invalid-pointer-location}, {@code invalid-blob-reference}, {@code unterminated-name},
 *     {@code unsupported-alignment}, {@code bad-zone}, {@code duplicate-file}, {@code missing-file},
 *     {@code bad-script-size}, {@code bad-table}, {@code unknown-command}
 * @param file the fw_cfg file concerned (may be empty)
 * @param command index of the script entry (-1 when not about one)
 * @param message the firmware's own wording, e.g.
 *     {@code ProcessCmdAddChecksum: invalid checksum range in "etc/acpi/tables"}
 */
public record LoaderFinding(String severity, String code, String file, int command, String message) {
}
