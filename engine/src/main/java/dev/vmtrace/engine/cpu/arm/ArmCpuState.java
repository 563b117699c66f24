package dev.vmtrace.engine.cpu.arm;

import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.engine.state.ArrayLength;
import dev.vmtrace.engine.state.StateNode;
import dev.vmtrace.engine.state.StateValue;
import dev.vmtrace.engine.state.VmStateDescription;
import dev.vmtrace.engine.state.WireType;
import java.util.ArrayList;
import java.util.List;

/**
 * The cpreg part of QEMU's ARM "cpu" state (version 22): the list length as a positive int32
 * checked against the destination's own length, then the ids and the values. The rest of the ARM
 * CPU state (core registers, FP, timers) is not modelled; this schema covers what story S2 needs.
 */
public final class ArmCpuState {
    /** Name of the length field; also the array length source. */
    public static final String LEN = "cpreg_vmstate_array_len";
    public static final String INDEXES = "cpreg_vmstate_indexes";
    public static final String VALUES = "cpreg_vmstate_values";

    /** The schema. */
    public static final VmStateDescription SCHEMA = VmStateDescription.builder("cpu")
            .version(22).minimumVersion(22)
            .int32Le(LEN)
            .array(INDEXES, WireType.UINT64, ArrayLength.from(LEN))
            .array(VALUES, WireType.UINT64, ArrayLength.from(LEN))
            .build();

    private ArmCpuState() {
    }

    /** The state node a CPU saves. */
    public static StateNode save(CpregState s) {
        List<StateValue> idx = new ArrayList<>(s.length());
        List<StateValue> val = new ArrayList<>(s.length());
        for (int i = 0; i < s.length(); i++) {
            idx.add(new StateValue.Int(s.index(i)));
            val.add(new StateValue.Int(s.value(i)));
        }
        return StateNode.builder(SCHEMA).set(LEN, s.length()).setArray(INDEXES, idx).setArray(VALUES, val).build();
    }

    /** The local node a destination offers the codec: its own list length bounds the incoming one. */
    public static StateNode local(ArmCpu dest) {
        return save(CpregState.save(dest));
    }

    /** Arrays out of a loaded node. */
    public static CpregState fromNode(StateNode node) throws BadInputException {
        List<StateValue> idx = node.getArray(INDEXES);
        List<StateValue> val = node.getArray(VALUES);
        if (idx.size() != val.size()) {
            throw BadInputException.atOffset("cpu", BadInputException.NO_OFFSET, "cpreg index and value arrays differ in length");
        }
        long[] i = new long[idx.size()];
        long[] v = new long[val.size()];
        for (int k = 0; k < i.length; k++) {
            i[k] = ((StateValue.Int) idx.get(k)).value();
            v[k] = ((StateValue.Int) val.get(k)).value();
        }
        return new CpregState(i, v);
    }
}
