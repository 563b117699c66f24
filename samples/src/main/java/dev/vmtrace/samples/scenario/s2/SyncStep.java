package dev.vmtrace.samples.scenario.s2;

/** One line of an S2 workload: an operation on the vCPU, with its register and value if any. */
public record SyncStep(int line, Op op, String register, long value) {
    /** The operations a workload can use. */
    public enum Op { GUEST_WRITE, GET, DEBUGGER_WRITE, PUT, RESET }
}
