package dev.vmtrace.replay;

import dev.vmtrace.engine.cpu.arm.ArmCpu;
import dev.vmtrace.engine.cpu.arm.CpRegSet;
import dev.vmtrace.engine.cpu.arm.HypervisorVcpu;
import dev.vmtrace.engine.cpu.arm.SyncEvent;
import dev.vmtrace.engine.cpu.arm.SyncPolicy;
import dev.vmtrace.engine.input.BadInputException;
import dev.vmtrace.trace.CpuSync;
import dev.vmtrace.trace.TraceEvent;
import dev.vmtrace.trace.TraceHeader;
import dev.vmtrace.trace.TraceReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Replays a trace's ARM vCPU sync steps ({@link CpuSync} events, recorded by
 * {@link CpuSyncRecorder}) on fresh {@link ArmCpu}s under a chosen {@link SyncPolicy}, and checks
 * after every put what the hypervisor holds against the sync contract (a guest's own writes stay,
 * emulator-side writes reach the hypervisor, a reset gives the reset values). Every register held
 * wrongly is a {@link SyncDivergence}. Other events of the trace are counted and skipped.
 */
public final class CpuSyncReplayer {
    /** Events rendered before and after the first divergence. */
    public static final int DEFAULT_CONTEXT = 5;

    private final String name;
    private final SyncPolicy policy;
    private final CpRegSet set;
    private final int context;
    private final Map<Integer, Vcpu> vcpus = new HashMap<>();
    private final List<SyncDivergence> out = new ArrayList<>();
    private final ArrayDeque<String> recent = new ArrayDeque<>();
    private List<String> before;
    private String at;
    private List<String> after;
    private long events;
    private long steps;
    private long puts;

    private CpuSyncReplayer(String name, SyncPolicy policy, CpRegSet set, int context) {
        this.name = name;
        this.policy = policy;
        this.set = set;
        this.context = context;
    }

    /** Whether {@code h} is the header of a sync trace (written by {@link CpuSyncRecorder}). */
    public static boolean isSyncTrace(TraceHeader h) {
        return "1".equals(h.options().get(CpuSyncRecorder.OPT_CPU_SYNC));
    }

    /** Replays {@code trace} under {@code policy} with {@link #DEFAULT_CONTEXT} events of context. */
    public static SyncReplayResult replay(Path trace, SyncPolicy policy) throws IOException, BadInputException {
        return replay(trace, policy, DEFAULT_CONTEXT);
    }

    /** Replays {@code trace} under {@code policy}; {@code context} events around the first divergence. */
    public static SyncReplayResult replay(Path trace, SyncPolicy policy, int context) throws IOException, BadInputException {
        String name = trace.getFileName() == null ? trace.toString() : trace.getFileName().toString();
        try (TraceReader r = TraceReader.open(trace)) {
            TraceHeader h = r.header();
            CpuSyncReplayer p = new CpuSyncReplayer(name, policy, registerSet(name, h), Math.max(0, context));
            while (r.hasNext()) {
                p.handle(r.next());
            }
            String recorded = h.machineType() + (h.release().isEmpty() ? "" : " release " + h.release())
                    + (h.accelerator().isEmpty() ? "" : " " + h.accelerator())
                    + (h.options().containsKey(CpuSyncRecorder.OPT_SYNC_POLICY)
                            ? ", sync policy " + h.options().get(CpuSyncRecorder.OPT_SYNC_POLICY) : "");
            ReplayResult.FirstDivergence ctx = p.at == null ? null
                    : new ReplayResult.FirstDivergence(p.out.get(0).toDivergence(), p.before, p.at, p.after);
            return new SyncReplayResult(name, policy, recorded, p.events, p.steps, p.puts, p.out, ctx);
        }
    }

    /** The register set the trace's ids refer to (header option {@code cpu}; Cortex-A57 when absent). */
    static CpRegSet registerSet(String trace, TraceHeader h) throws BadInputException {
        String cpu = h.options().getOrDefault(CpuSyncRecorder.OPT_CPU, CpuSyncRecorder.CORTEX_A57);
        if (!cpu.equals(CpuSyncRecorder.CORTEX_A57)) {
            throw BadInputException.unreadable(trace, "CPU model '" + cpu + "' has no register set in vmtrace (known: "
                    + CpuSyncRecorder.CORTEX_A57 + ")", null);
        }
        return CpRegSet.cortexA57();
    }

    private void handle(TraceEvent e) throws BadInputException {
        events++;
        if (!(e instanceof CpuSync)) {
            return;
        }
        CpuSync s = (CpuSync) e;
        steps++;
        String text = render(s);
        if (after != null && after.size() < context) {
            after.add(text);
        }
        Vcpu v = vcpus.computeIfAbsent(s.vcpu(), i -> new Vcpu(set, policy, i));
        int position = -1;
        if (s.kind().hasRegister()) {
            position = set.positionOf(s.register());
            if (position < 0) {
                throw BadInputException.unreadable(name, String.format("event #%d: register 0x%016x is not in the %s "
                        + "register set", s.seq(), s.register(), CpuSyncRecorder.CORTEX_A57), null);
            }
        }
        int found = out.size();
        v.contract.before(s, position);
        v.refused.clear();
        switch (s.kind()) {
            case GUEST_WRITE: v.cpu.guestWrite(set.get(position).name(), s.value()); break;
            case DEBUGGER_WRITE: v.cpu.debuggerWrite(set.get(position).name(), s.value()); break;
            case GET: v.cpu.get(); break;
            case PUT: v.cpu.put(); puts++; break;
            case RESET: v.cpu.reset(); break;
            default: throw new IllegalStateException(s.kind().name());
        }
        v.contract.after(s, position, out);
        for (SyncEvent r : v.refused) {
            int i = set.positionOf(r.register());
            out.add(new SyncDivergence(DivergenceKind.REGISTER_REFUSED, s.seq(), s.vcpu(), r.register(),
                    set.get(i).kvmIndex(), r.before(), r.after(), s.seq(), s.kind(), policy));
        }
        if (found == 0 && !out.isEmpty()) {
            before = new ArrayList<>(recent);
            at = text;
            after = new ArrayList<>();
        }
        recent.addLast(text);
        if (recent.size() > context) {
            recent.removeFirst();
        }
    }

    /** {@code #4 cpu 0 debugger-write ESR_EL1 <- 0xf2000000}. */
    String render(CpuSync s) {
        StringBuilder sb = new StringBuilder("#").append(s.seq()).append(" cpu ").append(s.vcpu()).append(' ')
                .append(s.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        if (s.kind().hasRegister()) {
            int i = set.positionOf(s.register());
            sb.append(' ').append(i < 0 ? String.format("0x%016x", s.register()) : set.get(i).name())
                    .append(String.format(" <- 0x%x", s.value()));
        }
        return sb.toString();
    }

    /** One replayed vCPU: the model, its contract, the refusals of the step being run. */
    private static final class Vcpu {
        final ArmCpu cpu;
        final SyncContract contract;
        final List<SyncEvent> refused = new ArrayList<>();

        Vcpu(CpRegSet set, SyncPolicy policy, int index) {
            cpu = new ArmCpu(set, policy, HypervisorVcpu.matching(set), e -> {
                if (e.op() == SyncEvent.Op.KVM_SET_REFUSED) {
                    refused.add(e);
                }
            });
            contract = new SyncContract(cpu, index);
        }
    }
}
