package dev.vmtrace.engine.devices.apm;

import dev.vmtrace.engine.device.Device;
import dev.vmtrace.engine.device.IoHandler;
import dev.vmtrace.engine.memory.Region;
import java.util.Objects;

/**
 * The APM controller: two byte registers; a write to APMC calls the chipset callback. Offsets are
 * masked with 1, so the overrun pieces of a wide access (offsets 2 and 3, devices.md 1.4) alias
 * APMC and APMS, as in QEMU.
 */
public final class ApmDevice implements Device, IoHandler {
    private final Region region;
    private ApmCallback callback = ApmCallback.NONE;
    private int apmc;
    private int apms;

    /** A device with its own {@code apm-io} region (not yet mapped). */
    public ApmDevice() {
        this.region = Region.device(ApmRegisters.MAP, this);
    }

    /** The {@code apm-io} region to map at {@link ApmRegisters#BASE}. */
    public Region region() {
        return region;
    }

    /** Attaches the chipset callback (ICH9 or PIIX4). */
    public void setCallback(ApmCallback cb) {
        this.callback = Objects.requireNonNull(cb, "callback");
    }

    @Override
    public String name() {
        return "apm";
    }

    @Override
    public void reset() {
        // QEMU registers no reset for APM: the bytes survive system_reset; power-on state is 0.
    }

    @Override
    public long read(long offset, int size) {
        return (offset & 1) == 0 ? apmc : apms;
    }

    @Override
    public void write(long offset, long value, int size) {
        int v = (int) (value & 0xff);
        if ((offset & 1) == 0) {
            apmc = v;
            callback.controlWritten(v);
        } else {
            apms = v;
        }
    }

    /** The current state. */
    public ApmState state() {
        return new ApmState(apmc, apms);
    }

    /** Restores a saved state (touches no other device). */
    public void restore(ApmState s) {
        apmc = s.apmc();
        apms = s.apms();
    }
}
