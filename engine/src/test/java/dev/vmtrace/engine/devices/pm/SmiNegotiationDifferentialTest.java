package dev.vmtrace.engine.devices.pm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmtrace.engine.devices.PortDifferential;
import dev.vmtrace.engine.devices.fwcfg.FwCfgDevice;
import dev.vmtrace.engine.qtest.QtestSession;
import dev.vmtrace.engine.testing.QemuQtest;
import dev.vmtrace.engine.testing.RealQemu;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * OVMF's SMI feature negotiation over fw_cfg (devices.md 4.3, 7.2 item 9) as a qtest script:
 * read {@code supported-features}, write a request by DMA, select {@code features-ok}, read it
 * and the request back; twice, so the second request meets the lock. Each side selects the files
 * by the keys its own directory gives (vmtrace's fw_cfg does not yet carry every file QEMU has,
 * so the keys can differ); every reply of the negotiation must be identical.
 */
class SmiNegotiationDifferentialTest {
    static final long DESC = 0x1000;
    static final long DATA = 0x2000;

    static List<String> script(int supported, int requested, int ok, long... requests) {
        List<String> s = new ArrayList<>();
        s.add(String.format("outw 0x510 0x%x", supported));
        for (int i = 0; i < 8; i++) {
            s.add("inb 0x511");
        }
        for (long r : requests) {
            s.add(String.format("write 0x%x 8 0x%016x", DATA, Long.reverseBytes(r)));
            // FWCfgDmaAccess: be32 control (key << 16 | select | write), be32 length, be64 address.
            s.add(String.format("write 0x%x 16 0x%08x%08x%016x", DESC, (requested << 16) | 0x08 | 0x10, 8, DATA));
            s.add("outl 0x514 0x0");
            s.add(String.format("outl 0x518 0x%08x", Integer.reverseBytes((int) DESC)));
            s.add(String.format("readl 0x%x", DESC));
            s.add(String.format("outw 0x510 0x%x", ok));
            s.add("inb 0x511");
            s.add(String.format("outw 0x510 0x%x", requested));
            for (int i = 0; i < 8; i++) {
                s.add("inb 0x511");
            }
        }
        return s;
    }

    /** QEMU's file keys by name, from its fw_cfg directory (key 0x19). */
    static Map<String, Integer> qemuKeys(QemuQtest q) throws Exception {
        q.send("outw 0x510 0x19");
        int count = 0;
        for (int i = 0; i < 4; i++) {
            count = (count << 8) | value(q.send("inb 0x511"));
        }
        Map<String, Integer> keys = new HashMap<>();
        for (int f = 0; f < count; f++) {
            byte[] e = new byte[64];
            for (int i = 0; i < 64; i++) {
                e[i] = (byte) value(q.send("inb 0x511"));
            }
            int key = ((e[4] & 0xff) << 8) | (e[5] & 0xff);
            int len = 0;
            while (len < 56 && e[8 + len] != 0) {
                len++;
            }
            keys.put(new String(e, 8, len, StandardCharsets.US_ASCII), key);
        }
        return keys;
    }

    static int value(String reply) {
        return Integer.decode(reply.substring(3));
    }

    @ParameterizedTest
    @CsvSource({"pc-q35-7.2,3,7,3", "pc-q35-7.2,2,7,7", "pc-q35-7.2,8,1,1", "pc-q35-5.2,7,3,3", "pc-q35-5.1,1,0,1"})
    void negotiationMatchesQemu(String machine, long first, long second, long negotiated) throws Exception {
        PortDifferential d = new PortDifferential(machine, "2,maxcpus=4");
        List<String> qemuReplies;
        try (QemuQtest q = QemuQtest.start(RealQemu.requireQemu(), List.of("-M", machine, "-S", "-smp", "2,maxcpus=4"))) {
            Map<String, Integer> k = qemuKeys(q);
            qemuReplies = q.sendAll(script(k.get(SmiFeatures.SUPPORTED_FILE), k.get(SmiFeatures.REQUESTED_FILE),
                    k.get(SmiFeatures.OK_FILE), first, second));
        }
        QtestSession s = new QtestSession(d.engine());
        FwCfgDevice fw = s.machine().device(FwCfgDevice.class);
        List<String> script = script(fw.file(SmiFeatures.SUPPORTED_FILE).key(), fw.file(SmiFeatures.REQUESTED_FILE).key(),
                fw.file(SmiFeatures.OK_FILE).key(), first, second);
        for (int i = 0; i < script.size(); i++) {
            assertEquals(qemuReplies.get(i), s.process(script.get(i)), "command " + (i + 1) + " " + script.get(i));
        }
        SmiFeatures f = s.machine().device(Ich9Pm.class).smiFeatures();
        assertTrue(f.ok());
        assertEquals(negotiated, f.negotiated());
    }
}
