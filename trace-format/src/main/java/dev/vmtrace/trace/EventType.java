package dev.vmtrace.trace;

/**
 * The event types of trace format version 1, with their fixed wire ids. The trace stores this
 * table in its header so an older reader can name and skip types it does not know.
 */
public enum EventType {
    /** A region instance enters the region table. */
    REGION_DEFINED(1, RegionDefined.class),
    /** A guest-level access (port I/O or MMIO) made by a vCPU, qtest or DMA. */
    GUEST_ACCESS(0x80, GuestAccess.class),
    /** A device-level dispatch a guest access became. */
    DISPATCH(2, Dispatch.class),
    /** A host-side event: hotplug, reset, migration point, clock step. */
    HOST_EVENT(3, HostEvent.class),
    /** An opaque QEMU trace event kept as name and text. */
    QEMU_TRACE(4, QemuTraceEvent.class),
    /** A system management interrupt was raised. */
    SMI_RAISED(5, SmiRaised.class),
    /** A GPE status bit changed. */
    GPE(6, GpeEvent.class),
    /** An entry of the fw_cfg file table. */
    FW_CFG_FILE(7, FwCfgFile.class),
    /** Device state as a QEMU-format migration stream. */
    STATE_SNAPSHOT(8, StateSnapshot.class),
    /** An ARM vCPU system-register sync step: guest or debugger write, get, put, reset. */
    CPU_SYNC(9, CpuSync.class);

    private final int wireId;
    private final Class<? extends TraceEvent> javaType;

    EventType(int wireId, Class<? extends TraceEvent> javaType) {
        this.wireId = wireId;
        this.javaType = javaType;
    }

    /** The id in the chunk encoding (0x80 marks the compact access form, which has no length). */
    public int wireId() {
        return wireId;
    }

    /** The record class of this type. */
    public Class<? extends TraceEvent> javaType() {
        return javaType;
    }
}
