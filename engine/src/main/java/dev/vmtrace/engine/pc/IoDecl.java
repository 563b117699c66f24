package dev.vmtrace.engine.pc;

import dev.vmtrace.engine.memory.AccessRules;
import dev.vmtrace.engine.memory.Endianness;
import dev.vmtrace.engine.memory.Region;

/**
 * One declared region of a machine's map: name, base, size, rules, endianness, priority and the
 * evidence for the rules ({@code RUN} = confirmed by a QEMU 7.2.22 probe trace, {@code READ} =
 * from QEMU's source).
 *
 * @param name region name as QEMU names it
 * @param base port or address
 * @param size size in bytes
 * @param rules access rules
 * @param endianness endianness
 * @param priority priority in the parent
 * @param evidence where the rules come from
 */
public record IoDecl(String name, long base, long size, AccessRules rules, Endianness endianness, int priority,
                     String evidence) {

    /** A little-endian priority-0 declaration. */
    public static IoDecl of(String name, long base, long size, AccessRules rules, String evidence) {
        return new IoDecl(name, base, size, rules, Endianness.LITTLE, 0, evidence);
    }

    /** The same declaration with another priority. */
    public IoDecl priority(int p) {
        return new IoDecl(name, base, size, rules, endianness, p, evidence);
    }

    /** The same declaration with another endianness. */
    public IoDecl endian(Endianness e) {
        return new IoDecl(name, base, size, rules, e, priority, evidence);
    }

    /** An unmodeled placeholder region for this declaration. */
    public Region placeholder() {
        return Region.unmodeled(name, size, rules, endianness);
    }
}
