package dev.vmtrace.engine.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.devices.cpuhp.CpuHotplug;
import dev.vmtrace.engine.devices.pcihp.AcpiPciHotplug;
import dev.vmtrace.engine.machine.Machine;
import dev.vmtrace.engine.testing.QemuQtest;
import dev.vmtrace.engine.testing.RealQemu;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Host hotplug through QMP on a real QEMU 7.2 under qtest ({@code -qmp} on a unix socket next to
 * {@code -qtest stdio}), and the same request on vmtrace's host-event API; then both answer the
 * same register script: CPU hot-add and unplug request (flags, GPE bit 2, enumeration) and PCI
 * hot-add (up, GPE bit 1).
 */
class QmpHotplugDifferentialTest {

    /**
     * Runs {@code steps} on QEMU: qtest commands, and QMP commands (steps starting with a brace),
     * which answer "QMP". Returns one reply per step.
     */
    static List<String> qemuSteps(List<String> args, List<String> steps) throws Exception {
        Path sock = Files.createTempDirectory("vmtrace-qmp").resolve("qmp.sock");
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("-qmp", "unix:" + sock + ",server=on,wait=off"));
        List<String> replies = new ArrayList<>();
        try (QemuQtest q = QemuQtest.start(RealQemu.requireQemu(), all)) {
            q.send("inb 0x80");
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(sock));
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch),
                        StandardCharsets.UTF_8));
                Writer out = Channels.newWriter(ch, StandardCharsets.UTF_8);
                in.readLine();
                qmp(in, out, "{\"execute\":\"qmp_capabilities\"}");
                for (String step : steps) {
                    if (step.startsWith("{")) {
                        qmp(in, out, step);
                        replies.add("QMP");
                    } else {
                        replies.add(q.send(step));
                    }
                }
            }
        } finally {
            Files.deleteIfExists(sock);
        }
        return replies;
    }

    private static void qmp(BufferedReader in, Writer out, String c) throws IOException {
        out.write(c + "\n");
        out.flush();
        String reply;
        do {
            reply = in.readLine();
        } while (reply != null && reply.contains("\"event\""));
        if (reply == null || !reply.contains("\"return\"")) {
            throw new IOException("QMP " + c + " failed: " + reply);
        }
    }

    /** Runs {@code qmp} commands on QEMU, then {@code script}; returns the qtest replies. */
    static List<String> qemu(List<String> args, List<String> qmp, List<String> script) throws Exception {
        Path sock = Files.createTempDirectory("vmtrace-qmp").resolve("qmp.sock");
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("-qmp", "unix:" + sock + ",server=on,wait=off"));
        try (QemuQtest q = QemuQtest.start(RealQemu.requireQemu(), all)) {
            q.send("inb 0x80"); // QEMU is up once it answers
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(sock));
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch),
                        StandardCharsets.UTF_8));
                Writer out = Channels.newWriter(ch, StandardCharsets.UTF_8);
                in.readLine();
                for (String c : qmpWith("{\"execute\":\"qmp_capabilities\"}", qmp)) {
                    out.write(c + "\n");
                    out.flush();
                    String reply;
                    do {
                        reply = in.readLine();
                    } while (reply != null && reply.contains("\"event\""));
                    if (reply == null || !reply.contains("\"return\"")) {
                        throw new IOException("QMP " + c + " failed: " + reply);
                    }
                }
            }
            return q.sendAll(script);
        } finally {
            Files.deleteIfExists(sock);
        }
    }

    static List<String> qmpWith(String first, List<String> rest) {
        List<String> l = new ArrayList<>();
        l.add(first);
        l.addAll(rest);
        return l;
    }

    static void compare(String machine, String smp, List<String> qmp, Consumer<Machine> hostEvent, List<String> script)
            throws Exception {
        PortDifferential d = new PortDifferential(machine, smp);
        List<String> real = qemu(List.of("-M", machine, "-S", "-smp", smp), qmp, script);
        Machine m = d.engine();
        hostEvent.accept(m);
        for (int i = 0; i < script.size(); i++) {
            assertEquals(real.get(i), PortDifferential.run(m, script.get(i)), "command " + (i + 1) + " " + script.get(i));
        }
    }

    static final List<String> Q35_CPU_SCRIPT = List.of(
            "outl 0xcf8 0x8000f840", "outl 0xcfc 0x601", "outl 0xcf8 0x8000f844", "outb 0xcfc 0x80",
            "inb 0x620", "outl 0xcd8 0x0", "outl 0xcd8 0x0", "outb 0xcdd 0x0", "inl 0xcd8", "inl 0xce0", "inb 0xcdc",
            "outb 0xcdc 0x2", "inb 0xcdc", "outb 0xcdd 0x0", "inl 0xce0", "outl 0xcd8 0x2", "outb 0xcdd 0x3",
            "inl 0xce0", "inl 0xcd8", "outb 0x620 0x4", "inb 0x620");

    @Test
    void cpuHotAddOnQ35() throws Exception {
        // The CPU is plugged before the guest switches: legacy bitmap first, then modern flags.
        List<String> script = new ArrayList<>(List.of("inb 0xcd8"));
        script.addAll(Q35_CPU_SCRIPT);
        compare("pc-q35-7.2", "1,maxcpus=3",
                List.of("{\"execute\":\"device_add\",\"arguments\":{\"driver\":\"qemu64-x86_64-cpu\",\"id\":\"c2\","
                        + "\"socket-id\":0,\"core-id\":2,\"thread-id\":0}}"),
                m -> assertTrue(m.device(CpuHotplug.class).hotAdd(2)), script);
    }

    @Test
    void pciHotAddOnI440fx() throws Exception {
        List<String> script = List.of("inl 0xafe0", "inl 0xae0c", "inl 0xae04", "inl 0xae00", "inl 0xae00",
                "outb 0xafe0 0x2", "inl 0xafe0");
        compare("pc-i440fx-7.2", "1",
                List.of("{\"execute\":\"device_add\",\"arguments\":{\"driver\":\"e1000\",\"id\":\"n3\",\"addr\":\"0x3\"}}"),
                m -> assertTrue(m.device(AcpiPciHotplug.class).hotAdd(3)), script);
    }

    @Test
    void cpuUnplugRequestAndEjectInModernMode() throws Exception {
        String del = "{\"execute\":\"device_del\",\"arguments\":{\"id\":\"c2\"}}";
        List<String> steps = new ArrayList<>(List.of(
                "{\"execute\":\"device_add\",\"arguments\":{\"driver\":\"qemu64-x86_64-cpu\",\"id\":\"c2\","
                        + "\"socket-id\":0,\"core-id\":2,\"thread-id\":0}}"));
        steps.addAll(Q35_CPU_SCRIPT);
        steps.addAll(List.of(del, "inb 0x620", "outl 0xcd8 0x0", "outb 0xcdd 0x0", "inl 0xce0", "inb 0xcdc",
                "outb 0xcdc 0x4", "inb 0xcdc", "outb 0xcdc 0x8", "inb 0xcdc", "outl 0xcd8 0x0", "outb 0xcdc 0x8",
                "inb 0xcdc", "outb 0xcdd 0x0", "inl 0xce0"));
        List<String> real = qemuSteps(List.of("-M", "pc-q35-7.2", "-S", "-smp", "1,maxcpus=3"), steps);
        Machine m = new PortDifferential("pc-q35-7.2", "1,maxcpus=3").engine();
        CpuHotplug cpuhp = m.device(CpuHotplug.class);
        for (int i = 0; i < steps.size(); i++) {
            String step = steps.get(i);
            String mine;
            if (step.startsWith("{")) {
                assertTrue(step.contains("device_add") ? cpuhp.hotAdd(2) : cpuhp.unplugRequest(2), step);
                mine = "QMP";
            } else {
                mine = PortDifferential.run(m, step);
            }
            assertEquals(real.get(i), mine, "step " + (i + 1) + " " + step);
        }
    }
}
