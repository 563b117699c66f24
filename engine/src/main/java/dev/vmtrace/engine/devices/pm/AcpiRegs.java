package dev.vmtrace.engine.devices.pm;

import dev.vmtrace.engine.device.DeviceContext;
import dev.vmtrace.engine.device.DeviceEvent;
import dev.vmtrace.engine.device.IoHandler;
import dev.vmtrace.engine.device.VirtualTime;
import dev.vmtrace.engine.memory.Region;

/**
 * The ACPI fixed-hardware registers PIIX4 PM and ICH9 PM share (hw/acpi/core.c behaviour,
 * devices.md 1.3 and 3.2): PM1 event (status and enable), PM1 control, the 24-bit PM timer fed
 * by the injected virtual clock at 3.579545 MHz, and the GPE0 block. Each window is an
 * {@link IoHandler}; the access rules live in {@link PmRegisters}.
 */
public final class AcpiRegs {
    /** PM timer frequency in Hz. */
    public static final long PM_TIMER_HZ = 3_579_545L;
    /** PM1 status/enable: timer. */
    public static final int TMR = 0x0001;
    /** PM1 enable bits that raise the SCI: timer, global lock, power button, RTC. */
    public static final int PM1_SCI_SOURCES = 0x0001 | 0x0020 | 0x0100 | 0x0400;
    /** PM1 control: SCI enable. */
    public static final int SCI_EN = 0x0001;
    /** PM1 control: sleep enable (write-only trigger). */
    public static final int SLP_EN = 0x2000;
    /** Event: the guest requested a sleep state ({@code value} = SLP_TYP). */
    public static final String EVENT_SLEEP = "acpi-sleep";

    private final String owner;
    private final DeviceContext context;
    private final int gpeHalf;
    private final int s4Value;
    private boolean acpiOnly;
    int pm1Sts;
    int pm1En;
    int pm1Cnt;
    long overflowTime;
    long timerExpiry = -1;
    private Runnable cancelTimer;
    final byte[] gpeSts;
    final byte[] gpeEn;
    private boolean sciLevel;
    /** PM1 event window, with the access rules of {@link PmRegisters}. */
    final Region evtRegion;
    /** PM1 control window. */
    final Region cntRegion;
    /** PM timer window. */
    final Region tmrRegion;
    /** GPE0 block. */
    final Region gpeRegion;

    /**
     * Registers of a PM device named {@code owner} with a GPE0 block of {@code gpeLength} bytes
     * (status half, then enable half).
     */
    public AcpiRegs(String owner, DeviceContext context, int gpeLength, int s4Value) {
        this.owner = owner;
        this.context = context;
        this.gpeHalf = gpeLength / 2;
        this.gpeSts = new byte[gpeHalf];
        this.gpeEn = new byte[gpeHalf];
        this.s4Value = s4Value;
        this.evtRegion = Region.device(PmRegisters.EVT_MAP, evt);
        this.cntRegion = Region.device(PmRegisters.CNT_MAP, cnt);
        this.tmrRegion = Region.device(PmRegisters.TMR_MAP, tmr);
        this.gpeRegion = Region.device(PmRegisters.gpe(gpeLength), gpe);
    }

    /** Whether PM1_CNT.SCI_EN is set at reset (QEMU's acpi_only: no SMM). */
    public void setAcpiOnly(boolean v) {
        this.acpiOnly = v;
    }

    /** Power-on state. */
    public void reset() {
        pm1Sts = 0;
        pm1En = 0;
        pm1Cnt = acpiOnly ? SCI_EN : 0;
        overflowTime = 0;
        disarm();
        java.util.Arrays.fill(gpeSts, (byte) 0);
        java.util.Arrays.fill(gpeEn, (byte) 0);
        updateSci();
    }

    /** The free-running timer count (24 bits wide on the guest side; not masked here). */
    long ticks() {
        return mulDiv(context.clock().nanos(), PM_TIMER_HZ, 1_000_000_000L);
    }

    /** floor(a * b / c) for non-negative a without overflow as long as b * c fits (QEMU's muldiv64). */
    static long mulDiv(long a, long b, long c) {
        return (a / c) * b + (a % c) * b / c;
    }

    /** PM1 status as the guest reads it: the timer-overflow bit is derived from the clock. */
    int pm1Status() {
        if (ticks() >= overflowTime) {
            pm1Sts |= TMR;
        }
        return pm1Sts;
    }

    /** Sets GPE0 status bits (byte 0) and updates the SCI: a hotplug controller's event. */
    public void raiseGpe(int bits) {
        gpeSts[0] |= (byte) bits;
        updateSci();
    }

    /** PM1_CNT.SCI_EN on (APM "ACPI enable") or off ("ACPI disable"). */
    public void setSciEnable(boolean on) {
        // QEMU only stores the bit here; the SCI level follows at the next update.
        pm1Cnt = on ? pm1Cnt | SCI_EN : pm1Cnt & ~SCI_EN;
    }

    /** The SCI line level (the PM function's INTA). */
    public boolean sciLevel() {
        return sciLevel;
    }

    /** The PM1 control value. */
    public int pm1Control() {
        return pm1Cnt;
    }

    void updateSci() {
        int sts = pm1Status();
        boolean level = (pm1Cnt & SCI_EN) != 0
                && ((sts & pm1En & PM1_SCI_SOURCES) != 0 || (gpeSts[0] & gpeEn[0]) != 0);
        if (level != sciLevel) {
            sciLevel = level;
            context.emit(new DeviceEvent(owner, DeviceEvent.SCI, level ? 1 : 0, -1));
        }
        if ((pm1En & TMR) != 0 && (sts & TMR) == 0) {
            arm();
        } else {
            disarm();
        }
    }

    private void arm() {
        // Rounded up so that the count has reached overflowTime when the timer runs (QEMU rounds
        // down and fires again until it has; the expiry can differ from QEMU's by 1 ns).
        long expiry = mulDiv(overflowTime, 1_000_000_000L, PM_TIMER_HZ);
        if (mulDiv(expiry, PM_TIMER_HZ, 1_000_000_000L) < overflowTime) {
            expiry++;
        }
        if (expiry == timerExpiry) {
            return;
        }
        disarm();
        timerExpiry = expiry;
        schedule(expiry);
    }

    private void schedule(long expiry) {
        if (context.clock() instanceof VirtualTime vt) {
            cancelTimer = vt.schedule(expiry, this::timerFired);
        }
    }

    private void timerFired() {
        cancelTimer = null;
        timerExpiry = -1;
        updateSci();
    }

    private void disarm() {
        if (cancelTimer != null) {
            cancelTimer.run();
            cancelTimer = null;
        }
        timerExpiry = -1;
    }

    /** Restores the timer expiry from a migrated value (-1: not armed). */
    void restoreTimer(long expiry) {
        disarm();
        if (expiry >= 0) {
            timerExpiry = expiry;
            schedule(expiry);
        }
    }

    /** {@code acpi-evt}: status at 0 (write 1 to clear), enable at 2; other offsets read 0. */
    final IoHandler evt = new IoHandler() {
        @Override
        public long read(long offset, int size) {
            if (offset == 0) {
                return pm1Status();
            }
            return offset == 2 ? pm1En : 0;
        }

        @Override
        public void write(long offset, long value, int size) {
            int v = (int) (value & 0xffff);
            if (offset == 0) {
                if ((pm1Status() & v & TMR) != 0) {
                    // Clearing the overflow status starts the next overflow period.
                    overflowTime = (ticks() + 0x800000L) & ~0x7fffffL;
                }
                pm1Sts &= ~v;
            } else if (offset == 2) {
                pm1En = v;
            } else {
                return;
            }
            updateSci();
        }
    };

    /** {@code acpi-cnt}: the handler ignores the offset (a byte at 0x605 reads the low byte). */
    final IoHandler cnt = new IoHandler() {
        @Override
        public long read(long offset, int size) {
            return pm1Cnt;
        }

        @Override
        public void write(long offset, long value, int size) {
            int v = (int) (value & 0xffff);
            pm1Cnt = v & ~SLP_EN;
            if ((v & SLP_EN) != 0) {
                int typ = (v >> 10) & 7;
                // 0: soft off; 1: suspend to RAM; the S4 value also powers off. Reported, not acted on.
                if (typ == 0 || typ == 1 || typ == s4Value) {
                    context.emit(new DeviceEvent(owner, EVENT_SLEEP, typ, context.currentVcpu()));
                }
            }
        }
    };

    /** {@code acpi-tmr}: the 24-bit count whatever the offset; writes are ignored. */
    final IoHandler tmr = new IoHandler() {
        @Override
        public long read(long offset, int size) {
            return ticks() & 0xffffff;
        }

        @Override
        public void write(long offset, long value, int size) {
            // read-only
        }
    };

    /** {@code acpi-gpe0}: status half (write 1 to clear), then enable half; byte handler. */
    final IoHandler gpe = new IoHandler() {
        @Override
        public long read(long offset, int size) {
            int o = (int) offset;
            if (o < gpeHalf) {
                return gpeSts[o] & 0xff;
            }
            return o < 2 * gpeHalf ? gpeEn[o - gpeHalf] & 0xff : 0;
        }

        @Override
        public void write(long offset, long value, int size) {
            int o = (int) offset;
            if (o < gpeHalf) {
                gpeSts[o] &= (byte) ~value;
            } else if (o < 2 * gpeHalf) {
                gpeEn[o - gpeHalf] = (byte) value;
            }
            updateSci();
        }
    };
}
