package dev.vmtrace.engine.device;

import java.util.Objects;

/**
 * A register's side-effect tag, used in reports and table-driven tests. Open-ended: devices may
 * declare their own tags next to the constants here.
 *
 * @param tag a short lower-case tag
 */
public record SideEffect(String tag) {
    /** Plain storage: reads return what was written. */
    public static final SideEffect NONE = new SideEffect("none");
    /** Writes are ignored. */
    public static final SideEffect READ_ONLY = new SideEffect("read-only");
    /** Reads return a fixed or unrelated value. */
    public static final SideEffect WRITE_ONLY = new SideEffect("write-only");
    /** Writing 1 to a bit clears it. */
    public static final SideEffect WRITE_1_TO_CLEAR = new SideEffect("w1c");
    /** Reading clears the register. */
    public static final SideEffect CLEAR_ON_READ = new SideEffect("clear-on-read");
    /** A write triggers an action (SMI, switch, eject...). */
    public static final SideEffect TRIGGER = new SideEffect("trigger");
    /** The value changes on its own (timers). */
    public static final SideEffect VOLATILE = new SideEffect("volatile");

    /** Validates the tag. */
    public SideEffect {
        Objects.requireNonNull(tag, "tag");
        if (tag.isBlank()) {
            throw new IllegalArgumentException("blank side-effect tag");
        }
    }

    @Override
    public String toString() {
        return tag;
    }
}
