package dev.vmtrace.cli.demo;

import dev.vmtrace.engine.machine.Accel;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.machine.MachineConfig;
import dev.vmtrace.engine.machine.Release;
import dev.vmtrace.engine.qtest.QtestSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ACPI rebuild after the firmware programs the chipset: runs {@code samples/qtest/acpi-mcfg.qtest}
 * (PCIEXBAR and ICH9 PMBASE as OVMF sets them, then the ACPI blobs read by fw_cfg DMA) on
 * pc-q35-7.2 and compares the tables with real QEMU 7.2.22's recorded replies: the same tables in
 * the same order, and the non-AML ones (MCFG included) byte for byte.
 */
public final class McfgDemoStep implements DemoStep {
    private static final List<String> BYTE_EQUAL = List.of("FACS", "FACP", "APIC", "HPET", "MCFG", "WAET");

    @Override
    public String title() {
        return "acpi: MCFG and FADT rebuilt after the MMCONFIG/PMBASE setup vs QEMU 7.2";
    }

    @Override
    public StepResult run(DemoContext ctx) throws Exception {
        Path dir = ctx.samples().resolve("qtest");
        List<String> script = Files.readAllLines(dir.resolve("acpi-mcfg.qtest"), StandardCharsets.US_ASCII);
        List<String> qemu = Files.readAllLines(dir.resolve("acpi-mcfg.pc-q35-7.2.replies"), StandardCharsets.US_ASCII);
        QtestSession session = new QtestSession(Machine.build(MachineConfig.parse("pc-q35-7.2", null, null, List.of(),
                List.of(), Release.DEFAULT, Accel.KVM, null)));
        List<String> engine = session.replies(script);
        int tablesRead = script.indexOf(script.stream().filter(c -> c.startsWith("read ")).findFirst().orElseThrow());
        Map<String, byte[]> q = tables(qemu.get(tablesRead));
        Map<String, byte[]> e = tables(engine.get(tablesRead));
        List<String> equal = new ArrayList<>();
        List<String> differ = new ArrayList<>();
        for (String sig : BYTE_EQUAL) {
            (q.containsKey(sig) && e.containsKey(sig) && Arrays.equals(q.get(sig), e.get(sig)) ? equal : differ).add(sig);
        }
        boolean sameOrder = new ArrayList<>(q.keySet()).equals(new ArrayList<>(e.keySet()));
        List<String> facts = new ArrayList<>();
        facts.add("pc-q35-7.2 tables: " + String.join(" ", e.keySet()) + (sameOrder ? " (same order as QEMU 7.2.22)"
                : "; QEMU 7.2.22: " + String.join(" ", q.keySet())));
        facts.add("byte for byte as QEMU: " + String.join(" ", equal) + (differ.isEmpty() ? "" : "; differ: "
                + String.join(" ", differ)));
        byte[] mcfg = e.get("MCFG");
        if (mcfg != null) {
            ByteBuffer b = ByteBuffer.wrap(mcfg).order(ByteOrder.LITTLE_ENDIAN);
            facts.add(String.format("MCFG: base 0x%x, segment %d, buses %d-%d", b.getLong(44), b.getShort(52),
                    mcfg[54] & 0xff, mcfg[55] & 0xff));
        }
        facts.forEach(f -> ctx.out().println("  " + f));
        boolean ok = sameOrder && differ.isEmpty();
        return new StepResult(title(), ok, ok ? "identical to QEMU 7.2 where vmtrace claims it" : "engine differs from QEMU",
                facts);
    }

    /** The tables of a {@code read} reply, by signature in blob order (walking the header lengths). */
    private static Map<String, byte[]> tables(String reply) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (!reply.startsWith("OK 0x")) {
            return out;
        }
        byte[] blob = HexFormat.of().parseHex(reply.substring(5));
        int at = 0;
        while (at + 8 <= blob.length && blob[at] != 0) {
            int len = ByteBuffer.wrap(blob, at + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (len < 8 || at + len > blob.length) {
                break;
            }
            out.putIfAbsent(new String(blob, at, 4, StandardCharsets.US_ASCII), Arrays.copyOfRange(blob, at, at + len));
            at += len;
        }
        return out;
    }
}
