package dev.vmtrace.replay;

/**
 * What differs between a trace and its replay. The {@link #code()} strings are stable: reports,
 * JSON and CI filters use them (documented in docs/replay.md).
 */
public enum DivergenceKind {
    /** A read returned another value to the guest. */
    READ_VALUE("read-value", "read value differs"),
    /** The replay dropped (refused) an access the trace shows reaching a device. */
    DROPPED("dropped", "access dropped"),
    /** The replay delivered an access the trace shows dropped. */
    NOT_DROPPED("not-dropped", "access no longer dropped"),
    /** The access was split into a different number of pieces. */
    SPLIT("split", "split differently"),
    /** One side widened a narrow access, the other did not. */
    WIDENED("widened", "widened differently"),
    /** One side found no device (the unassigned {@code io} root), the other did. */
    UNASSIGNED("unassigned", "unassigned on one side"),
    /** A piece went to another region (or another instance of it, e.g. legacy vs modern). */
    REGION("region", "delivered to another region"),
    /** Pieces at other offsets or of other sizes. */
    SHAPE("shape", "different access shape"),
    /** The value handed to a device's write handler differs. */
    WRITE_VALUE("write-value", "device received another value"),
    /** A device event (SMI, GPE) in the trace did not happen on replay. */
    EVENT_MISSING("event-missing", "device event missing"),
    /** The replay raised a device event the trace does not have. */
    EVENT_EXTRA("event-extra", "extra device event"),
    /** A state snapshot field differs (or exists on one side only). */
    STATE("state", "state field differs"),
    /** The migration stream saved on the source did not load on the destination. */
    MIGRATION_LOAD("migration-load", "migration load failed"),
    /** A host event of the trace could not be applied to the engine. */
    HOST_EVENT("host-event", "host event not applied"),
    /**
     * ARM vCPU sync: after a put the hypervisor lacks a value emulator code (a debugger) wrote
     * into the CPU state ({@link CpuSyncReplayer}).
     */
    LOST_WRITE("lost-write", "emulator write lost"),
    /** ARM vCPU sync: after a reset, a put wrote the stale pre-reset CPU state over a reset value. */
    RESET_CLOBBERED("reset-clobbered", "reset value overwritten"),
    /** ARM vCPU sync: the hypervisor refused a register value on put (an invariant register). */
    REGISTER_REFUSED("register-refused", "hypervisor refused a register");

    private final String code;
    private final String title;

    DivergenceKind(String code, String title) {
        this.code = code;
        this.title = title;
    }

    /**
     * Whether the guest can see this kind: everything but a different split, widening or piece
     * layout, after which the device may well end up in the same state.
     */
    public boolean guestVisible() {
        return this != SPLIT && this != WIDENED && this != SHAPE;
    }

    /** The kind with stable code {@code code}, or null. */
    public static DivergenceKind ofCode(String code) {
        for (DivergenceKind k : values()) {
            if (k.code.equals(code)) {
                return k;
            }
        }
        return null;
    }

    /** The stable code. */
    public String code() {
        return code;
    }

    /** A short human title. */
    public String title() {
        return title;
    }
}
