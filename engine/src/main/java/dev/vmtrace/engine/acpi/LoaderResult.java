package dev.vmtrace.engine.acpi;

import java.util.List;
import java.util.Map;

/**
 * What the firmware loader did.
 *
 * @param firmware whose checks ran
 * @param failed whether any command was rejected (for OVMF: the ACPI install was aborted)
 * @param findings the problems, in order
 * @param log the firmware's debug lines (OVMF's wording: {@code ProcessCmdAddChecksum: File=...})
 * @param installed the tables installed (empty when OVMF aborted)
 * @param blobSizes the size of every loaded blob, as the fw_cfg directory reported it
 */
public record LoaderResult(FirmwareLoader.Firmware firmware, boolean failed, List<LoaderFinding> findings,
                           List<String> log, List<InstalledTable> installed, Map<String, Integer> blobSizes) {
    /** Copies. */
    public LoaderResult {
        findings = List.copyOf(findings);
        log = List.copyOf(log);
        installed = List.copyOf(installed);
        blobSizes = Map.copyOf(blobSizes);
    }

    /** True when the firmware installed the tables without rejecting anything. */
    public boolean ok() {
        return !failed;
    }

    /** The first error, or null. */
    public LoaderFinding firstError() {
        for (LoaderFinding f : findings) {
            if (f.severity().equals("error")) {
                return f;
            }
        }
        return null;
    }

    /**
     * An installed table.
     *
     * @param signature its signature
     * @param file the blob it lives in
     * @param offset its offset in the blob
     * @param length its length
     */
    public record InstalledTable(String signature, String file, int offset, int length) {
    }
}
