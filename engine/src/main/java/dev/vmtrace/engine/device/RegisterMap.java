package dev.vmtrace.engine.device;

import dev.vmtrace.engine.memory.AccessRules;
import dev.vmtrace.engine.memory.Endianness;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The declarative description of one device region: name, size, endianness, the access rules
 * (the only place they live; handlers never check sizes) and the registers. Used to build the
 * region ({@code Region.device(map, handler)}), to decode offsets to register names in reports
 * and to drive table tests.
 */
public final class RegisterMap {
    private final String name;
    private final long size;
    private final Endianness endianness;
    private final AccessRules rules;
    private final List<Register> registers;

    private RegisterMap(Builder b) {
        this.name = b.name;
        this.size = b.size;
        this.endianness = b.endianness;
        this.rules = b.rules;
        List<Register> sorted = new ArrayList<>(b.registers);
        sorted.sort(Comparator.comparingLong(Register::offset));
        for (int i = 0; i < sorted.size(); i++) {
            Register r = sorted.get(i);
            if (r.offset() + r.width() > size) {
                throw new IllegalArgumentException(String.format("%s: register %s at 0x%x+%d runs past the region (0x%x)",
                        name, r.name(), r.offset(), r.width(), size));
            }
            if (i > 0) {
                Register prev = sorted.get(i - 1);
                if (prev.offset() + prev.width() > r.offset()) {
                    throw new IllegalArgumentException(String.format("%s: registers %s and %s overlap at 0x%x",
                            name, prev.name(), r.name(), r.offset()));
                }
            }
        }
        this.registers = List.copyOf(sorted);
    }

    /** Starts a map for region {@code name} of {@code size} bytes (little-endian, default rules). */
    public static Builder builder(String name, long size) {
        return new Builder(name, size);
    }

    public String name() {
        return name;
    }

    public long size() {
        return size;
    }

    public Endianness endianness() {
        return endianness;
    }

    public AccessRules rules() {
        return rules;
    }

    /** Registers sorted by offset. */
    public List<Register> registers() {
        return registers;
    }

    /** The register covering {@code offset}, or null. */
    public Register at(long offset) {
        for (Register r : registers) {
            if (r.covers(offset)) {
                return r;
            }
        }
        return null;
    }

    /** The register by name, or null. */
    public Register named(String registerName) {
        for (Register r : registers) {
            if (r.name().equals(registerName)) {
                return r;
            }
        }
        return null;
    }

    /** {@code NAME}, {@code NAME+2} or {@code +0x5} for an offset, for reports. */
    public String describe(long offset) {
        Register r = at(offset);
        if (r == null) {
            return String.format("+0x%x", offset);
        }
        return offset == r.offset() ? r.name() : r.name() + "+" + (offset - r.offset());
    }

    /** Builder for {@link RegisterMap}. */
    public static final class Builder {
        private final String name;
        private final long size;
        private Endianness endianness = Endianness.LITTLE;
        private AccessRules rules = AccessRules.DEFAULT;
        private final List<Register> registers = new ArrayList<>();

        private Builder(String name, long size) {
            this.name = Objects.requireNonNull(name, "name");
            if (size <= 0) {
                throw new IllegalArgumentException(name + ": size must be positive");
            }
            this.size = size;
        }

        /** Sets the endianness (default little). */
        public Builder endianness(Endianness e) {
            this.endianness = Objects.requireNonNull(e, "endianness");
            return this;
        }

        /** Sets the access rules (default: QEMU's defaults). */
        public Builder rules(AccessRules r) {
            this.rules = Objects.requireNonNull(r, "rules");
            return this;
        }

        /** Adds a register. */
        public Builder register(String regName, long offset, int width, long reset, SideEffect effect,
                                String description) {
            registers.add(new Register(regName, offset, width, reset, effect, description));
            return this;
        }

        /** Builds the map; fails fast on overlapping or out-of-range registers. */
        public RegisterMap build() {
            return new RegisterMap(this);
        }
    }
}
