package dev.vmtrace.engine.acpi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The firmware side of the ACPI linker/loader (devices.md 5.2): reads {@code etc/table-loader},
 * loads every ALLOCATEd file at an address, patches pointers, computes checksums and performs
 * WRITE_POINTERs, checking every command against the blob sizes the fw_cfg directory reported.
 * Two personalities: {@link Firmware#OVMF} (OvmfPkg/AcpiPlatformDxe: the first failure aborts
 * the ACPI install) and {@link Firmware#SEABIOS} (romfile_loader.c: a bad command is skipped).
 * Never throws on what fw_cfg returns; everything is a {@link LoaderFinding}.
 */
public final class FirmwareLoader {
    /** Whose checks to apply. */
    public enum Firmware {
        /** OVMF / ArmVirtQemu. */
        OVMF,
        /** SeaBIOS. */
        SEABIOS
    }

    private static final long HIGH_BASE = 0x7e000000L;
    private static final long FSEG_BASE = 0xf0000L;

    private final Firmware firmware;

    /** A loader with {@code firmware}'s checks. */
    public FirmwareLoader(Firmware firmware) {
        this.firmware = firmware;
    }

    /** Loads the tables through {@code fw}. */
    public LoaderResult load(FwCfgAccess fw) {
        Run run = new Run(fw);
        run.execute();
        return new LoaderResult(firmware, run.failed, run.findings, run.log, run.installed, run.blobSizes());
    }

    /** One run's state. */
    private final class Run {
        final FwCfgAccess fw;
        final Map<String, byte[]> blobs = new LinkedHashMap<>();
        final Map<String, Long> base = new LinkedHashMap<>();
        final List<LoaderFinding> findings = new ArrayList<>();
        final List<String> log = new ArrayList<>();
        final List<LoaderResult.InstalledTable> installed = new ArrayList<>();
        final List<byte[]> pointerCommands = new ArrayList<>();
        long nextHigh = HIGH_BASE;
        long nextFseg = FSEG_BASE;
        boolean failed;

        Run(FwCfgAccess fw) {
            this.fw = fw;
        }

        Map<String, Integer> blobSizes() {
            Map<String, Integer> m = new LinkedHashMap<>();
            blobs.forEach((k, v) -> m.put(k, v.length));
            return m;
        }

        void execute() {
            FwCfgAccess.FileEntry loaderFile = find(AcpiFiles.LOADER);
            if (loaderFile == null) {
                fail("missing-file", AcpiFiles.LOADER, -1, "QemuFwCfgFindFile(\"etc/table-loader\"): Not Found");
                return;
            }
            if (loaderFile.size() % BiosLinker.ENTRY_SIZE != 0) {
                fail("bad-script-size", AcpiFiles.LOADER, -1, "InstallQemuFwCfgTables: script size "
                        + loaderFile.size() + " is not a multiple of " + BiosLinker.ENTRY_SIZE);
                return;
            }
            byte[] script = fw.read(loaderFile);
            for (int i = 0; i * BiosLinker.ENTRY_SIZE < script.length && !(failed && firmware == Firmware.OVMF); i++) {
                byte[] e = new byte[BiosLinker.ENTRY_SIZE];
                System.arraycopy(script, i * BiosLinker.ENTRY_SIZE, e, 0, BiosLinker.ENTRY_SIZE);
                command(i, e);
            }
            if (failed && firmware == Firmware.OVMF) {
                log.add("OnRootBridgesConnected: InstallAcpiTables: Protocol Error");
                return;
            }
            secondPass();
        }

        void command(int index, byte[] e) {
            int cmd = (int) le(e, 0, 4);
            switch (cmd) {
                case BiosLinker.ALLOCATE:
                    allocate(index, e);
                    break;
                case BiosLinker.ADD_POINTER:
                    addPointer(index, e);
                    break;
                case BiosLinker.ADD_CHECKSUM:
                    addChecksum(index, e);
                    break;
                case BiosLinker.WRITE_POINTER:
                    writePointer(index, e);
                    break;
                default:
                    if (cmd != 0) {
                        findings.add(new LoaderFinding("info", "unknown-command", "", index,
                                String.format("unknown loader command: 0x%x", cmd)));
                    }
            }
        }

        void allocate(int index, byte[] e) {
            String file = name(e, 4);
            long align = le(e, 60, 4);
            int zone = e[64] & 0xff;
            if (file == null) {
                fail("unterminated-name", "", index, "ProcessCmdAllocate: malformed file name");
                return;
            }
            if (firmware == Firmware.OVMF ? align > 4096 : Long.bitCount(align) != 1) {
                fail("unsupported-alignment", file, index, String.format("ProcessCmdAllocate: unsupported alignment 0x%x", align));
                return;
            }
            if (firmware == Firmware.SEABIOS && zone != BiosLinker.ZONE_HIGH && zone != BiosLinker.ZONE_FSEG) {
                fail("bad-zone", file, index, "romfile_loader_allocate: bad zone " + zone);
                return;
            }
            FwCfgAccess.FileEntry f = find(file);
            if (f == null) {
                fail("missing-file", file, index, "ProcessCmdAllocate: QemuFwCfgFindFile(\"" + file + "\"): Not Found");
                return;
            }
            if (blobs.containsKey(file)) {
                fail("duplicate-file", file, index, "ProcessCmdAllocate: duplicated file \"" + file + "\"");
                return;
            }
            long a = Math.max(align, 1);
            boolean fseg = zone == BiosLinker.ZONE_FSEG && firmware == Firmware.SEABIOS;
            long at = ((fseg ? nextFseg : nextHigh) + a - 1) / a * a;
            blobs.put(file, fw.read(f));
            base.put(file, at);
            if (fseg) {
                nextFseg = at + f.size();
            } else {
                nextHigh = at + f.size() + 0xfff & ~0xfffL;
            }
            log.add(String.format("ProcessCmdAllocate: File=\"%s\" Alignment=0x%x Zone=%d Size=0x%x Address=0x%x",
                    file, align, zone, f.size(), at));
        }

        void addPointer(int index, byte[] e) {
            String dst = name(e, 4);
            String src = name(e, 60);
            long offset = le(e, 116, 4);
            int size = e[120] & 0xff;
            if (dst == null || src == null) {
                fail("unterminated-name", "", index, "ProcessCmdAddPointer: malformed file name");
                return;
            }
            byte[] d = blobs.get(dst);
            byte[] s = blobs.get(src);
            if (d == null || s == null) {
                fail("invalid-blob-reference", d == null ? dst : src, index,
                        "ProcessCmdAddPointer: invalid blob reference(s) \"" + dst + "\" / \"" + src + "\"");
                return;
            }
            if ((size != 1 && size != 2 && size != 4 && size != 8) || offset > d.length || d.length - offset < size) {
                fail("invalid-pointer-location", dst, index,
                        "ProcessCmdAddPointer: invalid pointer location or size in \"" + dst + "\"");
                return;
            }
            long value = le(d, (int) offset, size);
            if (firmware == Firmware.OVMF && Long.compareUnsigned(value, s.length) >= 0) {
                fail("invalid-pointer-value", dst, index, "ProcessCmdAddPointer: invalid pointer value in \"" + dst + "\"");
                return;
            }
            long patched = value + base.get(src);
            if (size < 8 && (patched >>> (8 * size)) != 0) {
                fail("invalid-pointer-value", dst, index,
                        "ProcessCmdAddPointer: relocated pointer value unrepresentable in \"" + dst + "\"");
                return;
            }
            putLe(d, (int) offset, patched, size);
            pointerCommands.add(e);
        }

        void addChecksum(int index, byte[] e) {
            String file = name(e, 4);
            long result = le(e, 60, 4);
            long start = le(e, 64, 4);
            long length = le(e, 68, 4);
            if (file == null) {
                fail("unterminated-name", "", index, "ProcessCmdAddChecksum: malformed file name");
                return;
            }
            byte[] b = blobs.get(file);
            if (b == null) {
                fail("invalid-blob-reference", file, index, "ProcessCmdAddChecksum: invalid blob reference \"" + file + "\"");
                return;
            }
            log.add(String.format("ProcessCmdAddChecksum: File=\"%s\" ResultOffset=0x%X Start=0x%X Length=0x%X Blob->Size=0x%X",
                    file, result, start, length, b.length));
            if (result >= b.length || length > b.length || start > b.length - length) {
                fail("invalid-checksum-range", file, index, "ProcessCmdAddChecksum: invalid checksum range in \"" + file + "\"");
                return;
            }
            b[(int) result] = 0;
            int sum = 0;
            for (long i = start; i < start + length; i++) {
                sum += b[(int) i];
            }
            b[(int) result] = (byte) -sum;
        }

        void writePointer(int index, byte[] e) {
            String dst = name(e, 4);
            String src = name(e, 60);
            long dstOffset = le(e, 116, 4);
            long srcOffset = le(e, 120, 4);
            int size = e[124] & 0xff;
            if (dst == null || src == null) {
                fail("unterminated-name", "", index, "ProcessCmdWritePointer: malformed file name");
                return;
            }
            FwCfgAccess.FileEntry target = find(dst);
            byte[] s = blobs.get(src);
            if (target == null || s == null) {
                fail("invalid-blob-reference", target == null ? dst : src, index,
                        "ProcessCmdWritePointer: invalid fw_cfg file or blob reference \"" + dst + "\" / \"" + src + "\"");
                return;
            }
            if ((size != 1 && size != 2 && size != 4 && size != 8) || dstOffset > target.size()
                    || target.size() - dstOffset < size || srcOffset >= s.length) {
                fail("invalid-pointer-location", dst, index,
                        "ProcessCmdWritePointer: invalid pointer location or size in \"" + dst + "\"");
                return;
            }
            byte[] value = new byte[size];
            putLe(value, 0, base.get(src) + srcOffset, size);
            if (!fw.write(target, (int) dstOffset, value)) {
                fail("invalid-pointer-location", dst, index, "ProcessCmdWritePointer: fw_cfg DMA write to \"" + dst + "\" failed");
            }
        }

        /** OVMF's second pass: every pointer target that holds a valid table gets installed once. */
        void secondPass() {
            for (byte[] e : pointerCommands) {
                String dst = name(e, 4);
                String src = name(e, 60);
                int size = e[120] & 0xff;
                long value = le(blobs.get(dst), (int) le(e, 116, 4), size) - base.get(src);
                byte[] s = blobs.get(src);
                if (value < 0 || value + 36 > s.length) {
                    continue;
                }
                int off = (int) value;
                String sig = new String(s, off, 4, StandardCharsets.US_ASCII);
                long len = le(s, off + 4, 4);
                if (!sig.chars().allMatch(ch -> ch >= 'A' && ch <= 'Z' || ch == ' ' || ch >= '0' && ch <= '9')) {
                    continue;
                }
                if (len < 36 || len > s.length - off) {
                    findings.add(new LoaderFinding("warning", "bad-table", src, -1,
                            "Process2ndPassCmdAddPointer: table " + sig + " at 0x" + Integer.toHexString(off)
                                    + " overruns \"" + src + "\""));
                    continue;
                }
                int sum = 0;
                for (int i = 0; i < len; i++) {
                    sum += s[off + i];
                }
                boolean dup = installed.stream().anyMatch(t -> t.file().equals(src) && t.offset() == off);
                if ((sum & 0xff) != 0 && !sig.equals("FACS")) {
                    // OVMF takes a target whose checksum does not add up for something that is
                    // not a table and installs nothing there.
                    findings.add(new LoaderFinding("info", "bad-table", src, -1,
                            "Process2ndPassCmdAddPointer: no valid table at 0x" + Integer.toHexString(off)
                                    + " of \"" + src + "\" (" + sig + ", checksum does not add up)"));
                } else if (!dup && !sig.equals("RSDT") && !sig.equals("XSDT")) {
                    installed.add(new LoaderResult.InstalledTable(sig, src, off, (int) len));
                }
            }
            log.add("InstallQemuFwCfgTables: installed " + installed.size() + " tables");
        }

        /**
         * OVMF's QemuFwCfgFindFile: scans the directory afresh on every lookup, so a size that
         * changed at a rebuild (triggered by an earlier select) is seen by later lookups.
         */
        FwCfgAccess.FileEntry find(String name) {
            for (FwCfgAccess.FileEntry e : fw.directory()) {
                if (e.name().equals(name)) {
                    return e;
                }
            }
            return null;
        }

        void fail(String code, String file, int index, String message) {
            findings.add(new LoaderFinding("error", code, file, index, message));
            log.add(message);
            failed = true;
        }
    }

    /** A NUL-terminated name in the 56-byte field at {@code at}, or null when byte 55 is not NUL. */
    private static String name(byte[] e, int at) {
        if (e[at + BiosLinker.NAME_SIZE - 1] != 0) {
            return null;
        }
        int len = 0;
        while (e[at + len] != 0) {
            len++;
        }
        return new String(e, at, len, StandardCharsets.US_ASCII);
    }

    private static long le(byte[] b, int at, int width) {
        long v = 0;
        for (int i = width - 1; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xffL);
        }
        return v;
    }

    private static void putLe(byte[] b, int at, long v, int width) {
        for (int i = 0; i < width; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }
}
