package dev.vmtrace.engine.acpi;

/** The fw_cfg file names of the ACPI blobs and their RAM blocks (hw/acpi, include/hw/acpi/aml-build.h). */
public final class AcpiFiles {
    private AcpiFiles() {
    }

    /** The tables blob. */
    public static final String TABLES = "etc/acpi/tables";
    /** The linker/loader script. */
    public static final String LOADER = "etc/table-loader";
    /** The RSDP. */
    public static final String RSDP = "etc/acpi/rsdp";
    /** The TPM log (empty without a TPM). */
    public static final String TPM_LOG = "etc/tpm/log";
    /** The NVDIMM DSM buffer (one page, when NVDIMM support is on). */
    public static final String NVDIMM_DSM = "etc/acpi/nvdimm-mem";

    /** The RAM block id QEMU gives a ROM blob added as fw_cfg file {@code file}. */
    public static String ramBlockName(String file) {
        return "/rom@" + file;
    }
}
