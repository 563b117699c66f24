package dev.vmtrace.engine.stream;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.state.WireInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the records of the RAM section ({@code ram}, version 4) up to each EOS: the MEM_SIZE block
 * list, zero pages and whole pages, validating block ids and addresses. Compressed, XBZRLE, RDMA
 * hook and multifd records are rejected as unsupported.
 */
final class RamSectionParser {
    private final int pageSize;
    private final Map<String, RamBlock> blocks = new LinkedHashMap<>();
    private RamBlock current;
    long pages;
    long zeroPages;

    RamSectionParser(int pageSize) {
        this.pageSize = pageSize;
    }

    List<RamBlock> blocks() {
        return new ArrayList<>(blocks.values());
    }

    /** Reads records until (and including) the EOS record. */
    void readUntilEos(WireInput in) throws BadInputException {
        while (true) {
            int at = in.position();
            long word = in.readU64("RAM record");
            int flags = (int) (word & (pageSize - 1));
            long addr = word & ~((long) pageSize - 1);
            if ((flags & (StreamFormat.RAM_XBZRLE | StreamFormat.RAM_HOOK | StreamFormat.RAM_COMPRESS
                    | StreamFormat.RAM_MULTIFD_FLUSH)) != 0 || (flags & 0x1) != 0 || (flags & ~0x3ff) != 0) {
                throw in.errorAt(at, String.format("unsupported RAM record flags 0x%x (vmtrace reads ZERO, PAGE, "
                        + "MEM_SIZE, EOS and CONTINUE records only)", flags));
            }
            if ((flags & StreamFormat.RAM_MEM_SIZE) != 0) {
                readBlockList(in, addr);
            } else if ((flags & StreamFormat.RAM_ZERO) != 0) {
                RamBlock b = block(in, flags, at);
                checkAddr(in, b, addr, at);
                in.readU8("zero page fill byte");
                zeroPages++;
            } else if ((flags & StreamFormat.RAM_PAGE) != 0) {
                RamBlock b = block(in, flags, at);
                checkAddr(in, b, addr, at);
                in.skip(pageSize, "RAM page");
                pages++;
            }
            if ((flags & StreamFormat.RAM_EOS) != 0) {
                return;
            }
            if ((flags & (StreamFormat.RAM_MEM_SIZE | StreamFormat.RAM_ZERO | StreamFormat.RAM_PAGE)) == 0) {
                throw in.errorAt(at, String.format("RAM record with no known flag (0x%x)", flags));
            }
        }
    }

    /** The MEM_SIZE record: the total, then {@code u8 len, id, be64 used_length} until the total is reached. */
    private void readBlockList(WireInput in, long total) throws BadInputException {
        long remaining = total;
        while (remaining > 0) {
            int at = in.position();
            if (blocks.size() >= StreamFormat.MAX_RAM_BLOCKS) {
                throw in.error("more than " + StreamFormat.MAX_RAM_BLOCKS + " RAM blocks");
            }
            String id = in.readCountedString("RAM block id");
            if (id.isEmpty()) {
                throw in.errorAt(at, "empty RAM block id");
            }
            long used = in.readU64("RAM block used_length of " + id);
            if (used < 0 || used > remaining) {
                throw in.errorAt(at, "RAM block " + id + " used_length 0x" + Long.toHexString(used)
                        + " exceeds the remaining MEM_SIZE total 0x" + Long.toHexString(remaining));
            }
            if (blocks.put(id, new RamBlock(id, used)) != null) {
                throw in.errorAt(at, "RAM block " + id + " listed twice");
            }
            remaining -= used;
        }
    }

    private RamBlock block(WireInput in, int flags, int at) throws BadInputException {
        if ((flags & StreamFormat.RAM_CONTINUE) != 0) {
            if (current == null) {
                throw in.errorAt(at, "RAM page with CONTINUE but no previous block");
            }
            return current;
        }
        String id = in.readCountedString("RAM block id");
        RamBlock b = blocks.get(id);
        if (b == null) {
            throw in.errorAt(at, "RAM page for block \"" + id + "\" that the MEM_SIZE list does not name");
        }
        current = b;
        return b;
    }

    private static void checkAddr(WireInput in, RamBlock b, long addr, int at) throws BadInputException {
        if (addr < 0 || addr >= b.usedLength()) {
            throw in.errorAt(at, "RAM page at 0x" + Long.toHexString(addr) + " beyond block " + b.id()
                    + " used_length 0x" + Long.toHexString(b.usedLength()));
        }
    }
}
