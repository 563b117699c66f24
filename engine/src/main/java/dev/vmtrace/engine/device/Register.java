package dev.vmtrace.engine.device;

import java.util.Objects;

/**
 * One register of a {@link RegisterMap}.
 *
 * @param name short name (e.g. {@code APMC})
 * @param offset offset in the region
 * @param width width in bytes
 * @param resetValue value after reset
 * @param sideEffect side-effect tag
 * @param description one line for reports
 */
public record Register(String name, long offset, int width, long resetValue, SideEffect sideEffect,
                       String description) {
    /** Validates the fields. */
    public Register {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sideEffect, "sideEffect");
        Objects.requireNonNull(description, "description");
        if (offset < 0 || width <= 0) {
            throw new IllegalArgumentException("register " + name + ": bad offset " + offset + " or width " + width);
        }
    }

    /** Whether {@code off} falls inside this register. */
    public boolean covers(long off) {
        return off >= offset && off < offset + width;
    }
}
