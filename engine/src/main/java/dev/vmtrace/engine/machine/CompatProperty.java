package dev.vmtrace.engine.machine;

import java.util.Objects;
import java.util.function.Function;

/**
 * A typed device or machine property that machine types set for compatibility (QEMU's
 * {@code GlobalProperty} in {@code hw_compat_X_Y}/{@code pc_compat_X_Y}). Declared as a constant
 * next to the device it configures; {@link MachineType}s are built from {@link CompatEntry}s.
 *
 * @param driver the QOM driver ({@code ICH9-LPC}, {@code PIIX4_PM}) or {@code machine}
 * @param name the property name
 * @param type the Java type of the value
 * @param defaultValue the value on the newest machine types
 * @param parser parses the QEMU spelling ({@code on}, {@code 0x10}...); throws
 *     IllegalArgumentException on bad text
 * @param family the machine family whose devices have the property, or null for every PC family
 * @param <T> value type
 */
public record CompatProperty<T>(String driver, String name, Class<T> type, T defaultValue, Function<String, T> parser,
                                MachineFamily family) {

    /** Validates the fields. */
    public CompatProperty {
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(parser, "parser");
    }

    /** A boolean property ({@code on/off/true/false/yes/no}) of every PC family. */
    public static CompatProperty<Boolean> bool(String driver, String name, boolean defaultValue) {
        return bool(driver, name, defaultValue, null);
    }

    /** A boolean property of one family's device (null: every PC family). */
    public static CompatProperty<Boolean> bool(String driver, String name, boolean defaultValue, MachineFamily family) {
        return new CompatProperty<>(driver, name, Boolean.class, defaultValue, CompatProperty::parseBool, family);
    }

    /** An integer property (decimal or 0x hex) of every PC family. */
    public static CompatProperty<Long> integer(String driver, String name, long defaultValue) {
        return integer(driver, name, defaultValue, null);
    }

    /** An integer property (decimal or 0x hex) of one family's device (null: every PC family). */
    public static CompatProperty<Long> integer(String driver, String name, long defaultValue, MachineFamily family) {
        return new CompatProperty<>(driver, name, Long.class, defaultValue, CompatProperty::parseLong, family);
    }

    /** Whether machine types of {@code f} have this property. */
    public boolean appliesTo(MachineFamily f) {
        return family == null ? f != MachineFamily.VIRT : family == f;
    }

    /** {@code driver.name}, as {@code --global} spells it. */
    public String key() {
        return driver + "." + name;
    }

    /** Parses and type-checks a value. */
    public T parse(String text) {
        return type.cast(parser.apply(text));
    }

    /** The QEMU spelling of a value of this property. */
    public String format(Object value) {
        if (value instanceof Boolean) {
            return ((Boolean) value) ? "on" : "off";
        }
        return String.valueOf(value);
    }

    static Boolean parseBool(String s) {
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "on":
            case "true":
            case "yes":
                return Boolean.TRUE;
            case "off":
            case "false":
            case "no":
                return Boolean.FALSE;
            default:
                throw new IllegalArgumentException("'" + s + "' is not on/off");
        }
    }

    static Long parseLong(String s) {
        try {
            String t = s.trim();
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a number", e);
        }
    }
}
