package dev.vmtrace.engine.acpi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ACPI blobs as a firmware reads them from fw_cfg (tables, loader script, RSDP, and the
 * tables read a second time), with the tables named: which tables the blob holds, where, and
 * what the loader's pointers and checksums refer to, so two builds whose AML differs in size can
 * still be compared table by table.
 */
final class AcpiBlobView {
    private final byte[] tables;
    private final byte[] loader;
    private final byte[] rsdp;
    private final byte[] tablesAgain;
    private final Map<String, int[]> index = new LinkedHashMap<>();
    private final List<String> order = new ArrayList<>();

    AcpiBlobView(byte[] tables, byte[] loader, byte[] rsdp, byte[] tablesAgain) {
        this.tables = tables;
        this.loader = loader;
        this.rsdp = rsdp;
        this.tablesAgain = tablesAgain;
        int at = 0;
        while (at + 8 <= tables.length && tables[at] != 0) {
            String sig = new String(tables, at, 4, StandardCharsets.US_ASCII);
            int len = (int) le(tables, at + 4, 4);
            if (len < 8 || at + len > tables.length) {
                throw new IllegalStateException("bad table " + sig + " at " + at + " length " + len);
            }
            order.add(sig);
            index.putIfAbsent(sig, new int[] {at, len});
            at += len;
        }
    }

    /** Signatures in blob order. */
    List<String> order() {
        return order;
    }

    /** Signature to {offset, length} (the first table of a signature). */
    Map<String, int[]> tables() {
        return index;
    }

    /** The bytes of the first table with {@code sig}. */
    byte[] table(String sig) {
        int[] t = index.get(sig);
        return Arrays.copyOfRange(tables, t[0], t[0] + t[1]);
    }

    byte[] loader() {
        return loader;
    }

    int blobLength() {
        return tables.length;
    }

    boolean secondReadUnchanged() {
        return Arrays.equals(tables, tablesAgain);
    }

    /**
     * Every ADD_POINTER and ADD_CHECKSUM with offsets named by table: the pointer field as table
     * plus offset (only the table for fields inside AML), its target as the table that starts at the stored value; the checksum's
     * range and result relative to the table it covers.
     */
    List<String> links() {
        List<String> out = new ArrayList<>();
        for (int e = 0; e + 128 <= loader.length; e += 128) {
            int cmd = loader[e] & 0xff;
            String file = name(e + 4);
            if (cmd == 2) {
                String src = name(e + 60);
                int field = (int) le(loader, e + 116, 4);
                int size = loader[e + 120] & 0xff;
                byte[] dest = blob(file);
                long value = dest == null ? -1 : le(dest, field, size);
                out.add("POINTER " + where(file, field) + " -> " + target(src, value) + " size=" + size);
            } else if (cmd == 3) {
                int result = (int) le(loader, e + 60, 4);
                int start = (int) le(loader, e + 64, 4);
                int length = (int) le(loader, e + 68, 4);
                if (file.equals(AcpiFiles.TABLES)) {
                    String sig = startingAt(start);
                    int[] t = sig == null ? null : index.get(sig);
                    String range = t != null && t[1] == length ? "whole" : "length=" + length;
                    out.add("CHECKSUM " + (sig == null ? "@" + start : sig) + " " + range + " result=+" + (result - start));
                } else {
                    out.add("CHECKSUM " + file + " [" + start + "," + (start + length) + ") result=" + result);
                }
            }
        }
        return out;
    }

    private byte[] blob(String file) {
        if (file.equals(AcpiFiles.TABLES)) {
            return tables;
        }
        return file.equals(AcpiFiles.RSDP) ? rsdp : null;
    }

    private String where(String file, int offset) {
        if (!file.equals(AcpiFiles.TABLES)) {
            return file + "+" + offset;
        }
        for (Map.Entry<String, int[]> t : allTables()) {
            if (offset >= t.getValue()[0] && offset < t.getValue()[0] + t.getValue()[1]) {
                // inside AML the field's place depends on the AML before it, which is vmtrace's own
                boolean aml = t.getKey().equals("DSDT") || t.getKey().equals("SSDT");
                return t.getKey() + (aml ? "+(aml)" : "+" + (offset - t.getValue()[0]));
            }
        }
        return "@" + offset;
    }

    private String target(String file, long value) {
        if (!file.equals(AcpiFiles.TABLES)) {
            return file + "+" + value;
        }
        String sig = startingAt(value);
        return sig == null ? "@" + value : sig;
    }

    private String startingAt(long offset) {
        for (Map.Entry<String, int[]> t : allTables()) {
            if (t.getValue()[0] == offset) {
                return t.getKey();
            }
        }
        return null;
    }

    private List<Map.Entry<String, int[]>> allTables() {
        List<Map.Entry<String, int[]>> out = new ArrayList<>();
        int at = 0;
        for (String sig : order) {
            int len = (int) le(tables, at + 4, 4);
            out.add(Map.entry(sig, new int[] {at, len}));
            at += len;
        }
        return out;
    }

    private String name(int at) {
        int n = 0;
        while (n < 56 && loader[at + n] != 0) {
            n++;
        }
        return new String(loader, at, n, StandardCharsets.US_ASCII);
    }

    private static long le(byte[] b, int at, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }
}
