package dev.vmtrace.engine.acpi;

import java.util.List;

/**
 * How firmware reaches fw_cfg: the file directory, whole-file reads and DMA writes.
 * {@link DeviceFwCfgAccess} talks to the device model directly; {@link PortFwCfgAccess} goes
 * through a machine's guest ports (0x510/0x511, DMA at 0x514) like OVMF on x86.
 */
public interface FwCfgAccess {
    /**
     * A directory entry.
     *
     * @param name file name
     * @param size size the directory reports
     * @param key selector key
     */
    record FileEntry(String name, int size, int key) {
    }

    /** The file directory as the firmware reads it. */
    List<FileEntry> directory();

    /** Selects {@code file} and reads {@code file.size()} bytes. */
    byte[] read(FileEntry file);

    /** A DMA write of {@code data} at {@code offset} of {@code file}; false when fw_cfg reports an error. */
    boolean write(FileEntry file, int offset, byte[] data);
}
