package dev.vmtrace.engine.stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.state.StateNode;
import dev.vmtrace.engine.state.VmStateDescription;
import dev.vmtrace.engine.testing.FuzzChecks;
import java.util.Map;

/**
 * Hostile migration streams: the reader (sections, RAM records, vmdesc trailer, device sections
 * decoded through the vmdesc) and the schema-driven loader ({@link MachineStateLoader} through the
 * state codec) fail only with a located {@link BadInputException}. Seeds: the golden streams and
 * spliced slices of the real QEMU 7.2 streams (RAM pages dropped) under
 * {@code MigrationStreamFuzzTestInputs/}.
 */
class MigrationStreamFuzzTest {
    private static final Map<String, VmStateDescription> SCHEMAS = Map.of("timer", TestMachines.TIMER,
            "fw_cfg", TestMachines.FW_CFG, "0000:00:01.3/test_pm", TestMachines.PM);
    private static final Map<String, StateNode> LOCALS = Map.of("fw_cfg", TestMachines.fwCfg(),
            "0000:00:01.3/test_pm", TestMachines.pm(false));

    @FuzzTest(maxDuration = "60s")
    void read(byte[] data) {
        try {
            MigrationStream s = MigrationStreamReader.read("fuzz.bin", data);
            for (StreamSection sec : s.sections()) {
                sec.key();
            }
        } catch (BadInputException e) {
            FuzzChecks.hasOffset(e, data.length);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void loadWithEngineSchemas(byte[] data) {
        MigrationStream s;
        try {
            s = MigrationStreamReader.read("fuzz.bin", data);
        } catch (BadInputException e) {
            FuzzChecks.hasOffset(e, data.length);
            return;
        }
        try {
            MachineStateLoader.load(data, s, SCHEMAS, LOCALS);
        } catch (BadInputException e) {
            FuzzChecks.hasOffset(e, data.length);
        }
    }
}
