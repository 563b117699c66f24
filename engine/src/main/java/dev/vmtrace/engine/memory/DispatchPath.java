package dev.vmtrace.engine.memory;

/**
 * How a guest port access reaches regions (devices.md section 0).
 */
public enum DispatchPath {
    /**
     * TCG's {@code in}/{@code out} helpers: the port is translated once and one dispatch of the
     * full width goes to the region holding the first port; no clamping and no alignment split.
     */
    DIRECT,
    /**
     * KVM port-I/O exits and qtest: the access is cut into pieces by {@code memory_access_size}
     * (valid max, 4 if 0; natural alignment of the offset unless impl.unaligned; power of two)
     * and each piece is translated again, so pieces can land in another region.
     */
    BUFFER
}
