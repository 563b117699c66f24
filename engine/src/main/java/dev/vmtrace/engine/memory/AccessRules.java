package dev.vmtrace.engine.memory;

import dev.vmtrace.engine.machine.AccessPolicy;

/**
 * A region's declared access rules, as QEMU's {@code MemoryRegionOps} carries them
 * (devices.md section 1.1).
 *
 * <p>Guest-valid rules ({@code valid*}) decide which guest accesses are legal; a zero
 * {@code validMax} means "everything allowed" (and the min is then not checked), a zero
 * {@code validMin} with a non-zero max accepts any size up to max. Implemented rules
 * ({@code impl*}) say which sizes the handler implements: a zero {@code implMin} means 1, a zero
 * {@code implMax} means 4. {@code accepts} may be null.
 *
 * @param validMin guest-valid minimum size, 0 for none
 * @param validMax guest-valid maximum size, 0 for "all valid"
 * @param validUnaligned whether unaligned guest accesses are legal
 * @param accepts optional validity callback, or null
 * @param implMin implemented minimum size, 0 meaning 1
 * @param implMax implemented maximum size, 0 meaning 4
 * @param implUnaligned whether the handler copes with unaligned accesses (the buffer path then
 *     does not cut pieces by alignment)
 */
public record AccessRules(int validMin, int validMax, boolean validUnaligned, AcceptsPredicate accepts,
                          int implMin, int implMax, boolean implUnaligned) {

    /** QEMU's defaults: nothing declared (valid max 0 = all valid, impl 1..4, aligned). */
    public static final AccessRules DEFAULT = new AccessRules(0, 0, false, null, 0, 0, false);

    /** Old-style port lists ({@code portio}): valid and impl unaligned, sizes undeclared. */
    public static final AccessRules PORTIO = new AccessRules(0, 0, true, null, 0, 0, true);

    /** Compact constructor: validates sizes (0, 1, 2, 4 or 8) and min <= max. */
    public AccessRules {
        checkSize("validMin", validMin);
        checkSize("validMax", validMax);
        checkSize("implMin", implMin);
        checkSize("implMax", implMax);
        if (validMax != 0 && validMin > validMax) {
            throw new IllegalArgumentException("valid min " + validMin + " > max " + validMax);
        }
        if (implMin > implMaxEffective(implMax)) {
            throw new IllegalArgumentException("impl min " + implMin + " > max " + implMax);
        }
    }

    private static int implMaxEffective(int implMax) {
        return implMax == 0 ? 4 : implMax;
    }

    private static void checkSize(String what, int size) {
        if (size != 0 && size != 1 && size != 2 && size != 4 && size != 8) {
            throw new IllegalArgumentException(what + " must be 0, 1, 2, 4 or 8, not " + size);
        }
    }

    /** Rules with the given guest-valid sizes, everything else default. */
    public static AccessRules valid(int min, int max) {
        return DEFAULT.withValid(min, max);
    }

    /** Rules with the given implemented sizes, everything else default. */
    public static AccessRules impl(int min, int max) {
        return DEFAULT.withImpl(min, max);
    }

    /** A copy with other guest-valid sizes. */
    public AccessRules withValid(int min, int max) {
        return new AccessRules(min, max, validUnaligned, accepts, implMin, implMax, implUnaligned);
    }

    /** A copy with other implemented sizes. */
    public AccessRules withImpl(int min, int max) {
        return new AccessRules(validMin, validMax, validUnaligned, accepts, min, max, implUnaligned);
    }

    /** A copy with an accepts callback. */
    public AccessRules withAccepts(AcceptsPredicate predicate) {
        return new AccessRules(validMin, validMax, validUnaligned, predicate, implMin, implMax, implUnaligned);
    }

    /** A copy with other unaligned flags. */
    public AccessRules withUnaligned(boolean valid, boolean impl) {
        return new AccessRules(validMin, validMax, valid, accepts, implMin, implMax, impl);
    }

    /** The implemented minimum with QEMU's default applied (0 means 1). */
    public int effectiveImplMin() {
        return implMin == 0 ? 1 : implMin;
    }

    /** The implemented maximum with QEMU's default applied (0 means 4). */
    public int effectiveImplMax() {
        return implMaxEffective(implMax);
    }

    /** The buffer path's cap before alignment: valid max, or 4 when it is 0. */
    public int bufferMax() {
        return validMax == 0 ? 4 : validMax;
    }

    /**
     * The buffer path's piece length ({@code memory_access_size}) for {@code len} remaining bytes
     * at {@code offset}: capped by {@link #bufferMax()}, by the natural alignment of the offset
     * unless {@code implUnaligned}, then rounded down to a power of two.
     */
    public int pieceSize(int len, long offset) {
        int max = bufferMax();
        if (!implUnaligned) {
            long align = offset & -offset;
            // unsigned: an offset of 2^63 (bit 63 alone) is aligned to everything, not negative
            if (align != 0 && Long.compareUnsigned(align, max) < 0) {
                max = (int) align;
            }
        }
        int l = Math.min(len, max);
        return Integer.highestOneBit(l);
    }

    /**
     * QEMU's validity check: null when the access is valid, otherwise the guest_errors reason
     * ({@code rejected}, {@code unaligned} or {@code invalid size (min:X max:Y)}).
     */
    public String invalidReason(long offset, int size, boolean write, AccessPolicy policy) {
        if (policy == AccessPolicy.LENIENT) {
            return lenientReason(offset, size, write);
        }
        if (accepts != null && !accepts.accepts(offset, size, write)) {
            return "rejected";
        }
        if (!validUnaligned && (offset & (size - 1)) != 0) {
            return "unaligned";
        }
        if (validMax == 0) {
            return null;
        }
        if (size > validMax || size < validMin) {
            return SIZE_REASONS[validMin][validMax];
        }
        return null;
    }

    // The guest_errors reasons for every declarable (min, max) pair, built once so a refused
    // access allocates nothing.
    private static final String[][] SIZE_REASONS = new String[9][9];

    static {
        for (int min = 0; min <= 8; min++) {
            for (int max = 0; max <= 8; max++) {
                SIZE_REASONS[min][max] = "invalid size (min:" + min + " max:" + max + ")";
            }
        }
    }

    // a014ed07bd5a (1.6..5.0): alignment first; sizes only matter to split the accepts calls.
    private String lenientReason(long offset, int size, boolean write) {
        if (!validUnaligned && (offset & (size - 1)) != 0) {
            return "unaligned";
        }
        if (accepts == null) {
            return null;
        }
        int min = validMin == 0 ? 1 : validMin;
        int max = validMax == 0 ? 4 : validMax;
        int piece = Math.max(Math.min(size, max), min);
        for (int i = 0; i < size; i += piece) {
            if (!accepts.accepts(offset + i, piece, write)) {
                return "rejected";
            }
        }
        return null;
    }

    /** A short human description, e.g. {@code valid 1..2 impl 2..4}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("valid ").append(validMin).append("..").append(validMax);
        if (validUnaligned) {
            sb.append(" unaligned");
        }
        if (accepts != null) {
            sb.append(" +accepts");
        }
        sb.append(", impl ").append(effectiveImplMin()).append("..").append(effectiveImplMax());
        if (implUnaligned) {
            sb.append(" unaligned");
        }
        return sb.toString();
    }
}
