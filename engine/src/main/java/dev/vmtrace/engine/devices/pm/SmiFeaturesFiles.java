package dev.vmtrace.engine.devices.pm;

import dev.vmtrace.engine.devices.fwcfg.FwCfgDevice;
import dev.vmtrace.engine.devices.fwcfg.FwCfgItem;
import dev.vmtrace.engine.devices.fwcfg.FwCfgSelectCallback;
import dev.vmtrace.engine.devices.fwcfg.FwCfgWriteCallback;

/**
 * Publishes an {@link SmiFeatures} negotiation as ICH9's three fw_cfg files (only when the host
 * mask is non-zero, as QEMU creates them): DMA writes into {@code etc/smi/requested-features}
 * update the request, selecting {@code etc/smi/features-ok} validates and locks, and the file
 * bytes follow reset and restore, since in QEMU the files are the device's own fields.
 */
public final class SmiFeaturesFiles {
    private SmiFeaturesFiles() {
    }

    /** Adds the files to {@code fwCfg} (no-op when the host mask is 0). */
    public static void publish(SmiFeatures smi, FwCfgDevice fwCfg) {
        if (!smi.filesPresent()) {
            return;
        }
        fwCfg.addFile(SmiFeatures.SUPPORTED_FILE, smi.supportedBytes());
        FwCfgItem requested = fwCfg.addFile(SmiFeatures.REQUESTED_FILE, new byte[8], false, FwCfgSelectCallback.NONE,
                (item, offset, length) -> {
                    byte[] all = item.bytes();
                    byte[] part = new byte[length];
                    System.arraycopy(all, offset, part, 0, length);
                    smi.requestWrite(offset, part);
                });
        FwCfgItem ok = fwCfg.addFile(SmiFeatures.OK_FILE, new byte[1], true, item -> {
            smi.selectFeaturesOk();
            item.put(0, smi.ok() ? 1 : 0);
        }, FwCfgWriteCallback.NONE);
        smi.setChangeListener(() -> {
            requested.putLongLE(0, smi.requested());
            ok.put(0, smi.ok() ? 1 : 0);
        });
    }
}
