package dev.vmtrace.engine.qtest;

/**
 * What a qtest command does (formats.md section 2), with the number of arguments QEMU 7.2's qtest
 * server requires. The sized verbs ({@link #OUT}, {@link #IN}, {@link #WRITE}, {@link #READ}) are
 * spelled with a size letter: {@code outb|outw|outl}, {@code readb|readw|readl|readq}.
 */
public enum QtestVerb {
    /** {@code outb|outw|outl PORT VALUE}: a port write. */
    OUT("out", 2, 2, 1, 2, 4),
    /** {@code inb|inw|inl PORT}: a port read. */
    IN("in", 1, 1, 1, 2, 4),
    /** {@code writeb|writew|writel|writeq ADDR VALUE}: a memory write. */
    WRITE("write", 2, 2, 1, 2, 4, 8),
    /** {@code readb|readw|readl|readq ADDR}: a memory read. */
    READ("read", 1, 1, 1, 2, 4, 8),
    /** {@code read ADDR LEN}: bytes of memory, replied in hex. */
    BULK_READ("read", 2, 2),
    /** {@code write ADDR LEN 0xHEX}: bytes to memory. */
    BULK_WRITE("write", 3, 3),
    /** {@code b64read ADDR LEN}: bytes of memory, replied in base64. */
    B64_READ("b64read", 2, 2),
    /** {@code b64write ADDR LEN BASE64}: bytes to memory. */
    B64_WRITE("b64write", 3, 3),
    /** {@code memset ADDR LEN PATTERN}: one byte repeated into memory. */
    MEMSET("memset", 3, 3),
    /** {@code clock_step [NS]}: advance virtual time (no argument: to the next timer deadline). */
    CLOCK_STEP("clock_step", 0, 1),
    /** {@code clock_set NS}: set virtual time. */
    CLOCK_SET("clock_set", 1, 1),
    /** {@code irq_intercept_in QOM-PATH}: report a device's input IRQ lines. */
    IRQ_INTERCEPT_IN("irq_intercept_in", 1, 1),
    /** {@code irq_intercept_out QOM-PATH}: report a device's output IRQ lines. */
    IRQ_INTERCEPT_OUT("irq_intercept_out", 1, 1),
    /** {@code set_irq_in QOM-PATH NAME N LEVEL}: drive a device's input line. */
    SET_IRQ_IN("set_irq_in", 4, 4),
    /** {@code endianness}: the target's byte order. */
    ENDIANNESS("endianness", 0, 0),
    /** {@code module_load PREFIX NAME}: load a QEMU module. */
    MODULE_LOAD("module_load", 2, 2);

    private static final String SIZE_LETTERS = "bw?l???q";

    private final String stem;
    private final int minArguments;
    private final int maxArguments;
    private final int[] sizes;

    QtestVerb(String stem, int minArguments, int maxArguments, int... sizes) {
        this.stem = stem;
        this.minArguments = minArguments;
        this.maxArguments = maxArguments;
        this.sizes = sizes;
    }

    /** Arguments QEMU requires (it aborts with fewer). */
    public int minArguments() {
        return minArguments;
    }

    /** Arguments the command has at most (QEMU ignores more; scripts may not have more). */
    public int maxArguments() {
        return maxArguments;
    }

    /** True for the verbs spelled with a size letter. */
    public boolean sized() {
        return sizes.length > 0;
    }

    /** True when {@code size} (bytes) is a size this verb is spelled with; 0 for an unsized verb. */
    public boolean allowsSize(int size) {
        if (!sized()) {
            return size == 0;
        }
        for (int s : sizes) {
            if (s == size) {
                return true;
            }
        }
        return false;
    }

    /**
     * The command word: {@code "outw"} for {@code OUT} of size 2, {@code "read"} for
     * {@code BULK_READ} (size 0).
     *
     * @throws IllegalArgumentException when {@code size} is not one of {@link #allowsSize}
     */
    public String word(int size) {
        if (!allowsSize(size)) {
            throw new IllegalArgumentException(name() + " has no size " + size);
        }
        return sized() ? stem + SIZE_LETTERS.charAt(size - 1) : stem;
    }

    /** The sizes this verb is spelled with (empty for an unsized verb). */
    int[] sizes() {
        return sizes.clone();
    }
}
