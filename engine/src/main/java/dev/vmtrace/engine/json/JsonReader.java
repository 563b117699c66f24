package dev.vmtrace.engine.json;

import dev.vmtrace.engine.input.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A strict RFC 8259 JSON reader over UTF-8 bytes: no comments, no trailing commas, no duplicate
 * keys, no leading zeros, nothing after the value but whitespace. Every error is a
 * {@link BadInputException} with the byte offset where it was found; {@link JsonLimits} bounds
 * size, depth, string length and member count.
 */
public final class JsonReader {
    private final String source;
    private final byte[] in;
    private final int end;
    private final JsonLimits limits;
    private int pos;
    private int depth;

    private JsonReader(String source, byte[] in, int start, int end, JsonLimits limits) {
        this.source = source;
        this.in = in;
        this.pos = start;
        this.end = end;
        this.limits = limits;
    }

    /** Parses all of {@code bytes} as one JSON value. */
    public static JsonValue parse(String source, byte[] bytes) throws BadInputException {
        return parse(source, bytes, 0, bytes.length, JsonLimits.DEFAULT);
    }

    /**
     * Parses {@code bytes[start, end)} as one JSON value; offsets in values and errors count from
     * the start of {@code bytes} (so a vmdesc inside a stream reports stream offsets).
     */
    public static JsonValue parse(String source, byte[] bytes, int start, int end, JsonLimits limits)
            throws BadInputException {
        if (start < 0 || end > bytes.length || start > end) {
            throw new IllegalArgumentException("bad range " + start + ".." + end);
        }
        if (end - start > limits.maxBytes()) {
            throw BadInputException.atOffset(source, start,
                    "JSON of " + (end - start) + " bytes exceeds the cap of " + limits.maxBytes());
        }
        JsonReader r = new JsonReader(source, bytes, start, end, limits);
        r.skipWhitespace();
        JsonValue v = r.value();
        r.skipWhitespace();
        if (r.pos != end) {
            throw r.error("unexpected data after the JSON value");
        }
        return v;
    }

    /** Reads and parses a file; names ending in {@code .gz} are gunzipped first (bounded by the cap). */
    public static JsonValue parseFile(Path file) throws BadInputException {
        String name = file.toString();
        byte[] bytes;
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, JsonLimits.DEFAULT.maxBytes() + 1));
        } catch (IOException e) {
            throw BadInputException.unreadable(name, "cannot read JSON file: " + e.getMessage(), e);
        }
        return parse(name, bytes);
    }

    private BadInputException error(String problem) {
        return BadInputException.atOffset(source, pos, problem);
    }

    private void skipWhitespace() {
        while (pos < end) {
            byte b = in[pos];
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                pos++;
            } else {
                return;
            }
        }
    }

    private JsonValue value() throws BadInputException {
        if (pos >= end) {
            throw error("unexpected end of JSON input");
        }
        byte b = in[pos];
        switch (b) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                int start = pos;
                return new JsonString(source, start, string());
            case 't':
                return literal("true", new JsonBoolean(source, pos, true));
            case 'f':
                return literal("false", new JsonBoolean(source, pos, false));
            case 'n':
                return literal("null", new JsonNull(source, pos));
            default:
                if (b == '-' || (b >= '0' && b <= '9')) {
                    return number();
                }
                throw error("unexpected character '" + printable(b) + "'");
        }
    }

    private JsonValue literal(String word, JsonValue v) throws BadInputException {
        for (int i = 0; i < word.length(); i++) {
            if (pos + i >= end || in[pos + i] != word.charAt(i)) {
                throw error("expected " + word);
            }
        }
        pos += word.length();
        return v;
    }

    private JsonObject object() throws BadInputException {
        int start = pos;
        enter();
        pos++;
        LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();
        skipWhitespace();
        if (pos < end && in[pos] == '}') {
            pos++;
            depth--;
            return new JsonObject(source, start, members);
        }
        while (true) {
            skipWhitespace();
            if (pos >= end || in[pos] != '"') {
                throw error("expected a member name in double quotes");
            }
            int keyPos = pos;
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            JsonValue v = value();
            if (members.put(key, v) != null) {
                throw BadInputException.atOffset(source, keyPos, "duplicate member \"" + key + "\"");
            }
            if (members.size() > limits.maxMembers()) {
                throw error("object has more than " + limits.maxMembers() + " members");
            }
            skipWhitespace();
            if (pos < end && in[pos] == ',') {
                pos++;
                continue;
            }
            expect('}');
            depth--;
            return new JsonObject(source, start, members);
        }
    }

    private JsonArray array() throws BadInputException {
        int start = pos;
        enter();
        pos++;
        List<JsonValue> elements = new ArrayList<>();
        skipWhitespace();
        if (pos < end && in[pos] == ']') {
            pos++;
            depth--;
            return new JsonArray(source, start, elements);
        }
        while (true) {
            skipWhitespace();
            elements.add(value());
            if (elements.size() > limits.maxMembers()) {
                throw error("array has more than " + limits.maxMembers() + " elements");
            }
            skipWhitespace();
            if (pos < end && in[pos] == ',') {
                pos++;
                continue;
            }
            expect(']');
            depth--;
            return new JsonArray(source, start, elements);
        }
    }

    private void enter() throws BadInputException {
        if (++depth > limits.maxDepth()) {
            throw error("JSON nesting deeper than " + limits.maxDepth());
        }
    }

    private void expect(char c) throws BadInputException {
        if (pos >= end) {
            throw error("unexpected end of JSON input, expected '" + c + "'");
        }
        if (in[pos] != c) {
            throw error("expected '" + c + "' but found '" + printable(in[pos]) + "'");
        }
        pos++;
    }

    /** Reads a string starting at the opening quote; validates UTF-8 and escapes. */
    private String string() throws BadInputException {
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        int runStart = pos;
        boolean escaped = false;
        while (true) {
            if (pos >= end) {
                throw BadInputException.atOffset(source, start, "unterminated string");
            }
            if (pos - start > limits.maxStringBytes()) {
                throw BadInputException.atOffset(source, start,
                        "string longer than " + limits.maxStringBytes() + " bytes");
            }
            byte b = in[pos];
            if (b == '"') {
                sb.append(utf8(runStart, pos));
                pos++;
                if (escaped) {
                    unpairedSurrogate(sb, start);
                }
                return sb.toString();
            }
            if ((b & 0xff) < 0x20) {
                throw error("control character 0x" + Integer.toHexString(b & 0xff) + " in string");
            }
            if (b == '\\') {
                sb.append(utf8(runStart, pos));
                escape(sb);
                escaped = true;
                runStart = pos;
                continue;
            }
            pos++;
        }
    }

    /**
     * A {@code \\u} escape of half a surrogate pair is valid JSON syntax but not text: it cannot
     * be written back as UTF-8 (found by fuzzing: the value changed on a write/read round trip).
     */
    private void unpairedSurrogate(CharSequence s, int start) throws BadInputException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw BadInputException.atOffset(source, start, "string with an unpaired surrogate \\u escape");
            }
        }
    }

    private void escape(StringBuilder sb) throws BadInputException {
        int at = pos;
        pos++;
        if (pos >= end) {
            throw error("unterminated escape");
        }
        byte e = in[pos++];
        switch (e) {
            case '"': sb.append('"'); break;
            case '\\': sb.append('\\'); break;
            case '/': sb.append('/'); break;
            case 'b': sb.append('\b'); break;
            case 'f': sb.append('\f'); break;
            case 'n': sb.append('\n'); break;
            case 'r': sb.append('\r'); break;
            case 't': sb.append('\t'); break;
            case 'u':
                if (pos + 4 > end) {
                    throw BadInputException.atOffset(source, at, "truncated \\u escape");
                }
                int cp = 0;
                for (int i = 0; i < 4; i++) {
                    int d = Character.digit(in[pos + i], 16);
                    if (d < 0) {
                        throw BadInputException.atOffset(source, at, "bad hex digit in \\u escape");
                    }
                    cp = cp * 16 + d;
                }
                pos += 4;
                sb.append((char) cp);
                break;
            default:
                throw BadInputException.atOffset(source, at, "bad escape \\" + printable(e));
        }
    }

    private String utf8(int from, int to) throws BadInputException {
        if (from == to) {
            return "";
        }
        boolean ascii = true;
        for (int i = from; i < to && ascii; i++) {
            ascii = in[i] >= 0;
        }
        if (ascii) {
            return new String(in, from, to - from, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(in, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw BadInputException.atOffset(source, from, "invalid UTF-8 in string", e);
        }
    }

    private JsonNumber number() throws BadInputException {
        int start = pos;
        if (in[pos] == '-') {
            pos++;
        }
        if (pos >= end || !digit(in[pos])) {
            throw error("expected a digit");
        }
        if (in[pos] == '0') {
            pos++;
            if (pos < end && digit(in[pos])) {
                throw error("leading zero in number");
            }
        } else {
            digits();
        }
        if (pos < end && in[pos] == '.') {
            pos++;
            if (pos >= end || !digit(in[pos])) {
                throw error("expected a digit after '.'");
            }
            digits();
        }
        if (pos < end && (in[pos] == 'e' || in[pos] == 'E')) {
            pos++;
            if (pos < end && (in[pos] == '+' || in[pos] == '-')) {
                pos++;
            }
            if (pos >= end || !digit(in[pos])) {
                throw error("expected a digit in the exponent");
            }
            digits();
        }
        if (pos - start > 400) {
            throw BadInputException.atOffset(source, start, "number literal longer than 400 characters");
        }
        return new JsonNumber(source, start, new String(in, start, pos - start, StandardCharsets.US_ASCII));
    }

    private void digits() {
        while (pos < end && digit(in[pos])) {
            pos++;
        }
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static String printable(byte b) {
        int c = b & 0xff;
        return c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c);
    }
}
