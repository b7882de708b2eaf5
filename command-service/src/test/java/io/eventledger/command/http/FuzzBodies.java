package io.eventledger.command.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Request bodies for {@link HttpFuzzIT}: mostly well-shaped for the route (so some commands are accepted and
 * write), then mutated: a field dropped, retyped or added, odd amounts, deep nesting, huge numbers, unicode,
 * truncated JSON, binary, oversize.
 */
final class FuzzBodies {

    private static final List<String> AMOUNTS = List.of(
            "1.00",
            "2.50",
            "0.01",
            "15000.00",
            "0.00",
            "-1.00",
            "1e3",
            "12.345",
            "NaN",
            "Infinity",
            " 1.00",
            "1,00",
            "١٢٣.٠٠",
            "99999999999999999999999999999999.00",
            "",
            "0x10");
    private static final List<String> TEXTS = List.of(
            "fuzz",
            "",
            "  ",
            "é€😀",
            "\\u0000",
            "\\ud800",
            "\u202Eevil",
            "<script>alert(1)</script>",
            "'; DROP TABLE ledger.events; --",
            "x".repeat(5000));
    private static final List<String> CURRENCIES = List.of("EUR", "EUR", "USD", "eur", "XYZ", "", "EURO");
    private static final List<String> ODD_VALUES = List.of(
            "42", "-0", "1e400", "9".repeat(400), "true", "null", "[]", "{}", "[\"1.00\"]", "{\"$gt\":\"\"}", "12.5");

    private final Random random;
    private final List<String> ids;

    FuzzBodies(Random random, List<String> ids) {
        this.random = random;
        this.ids = ids;
    }

    /** A body for the route (the path with its ids filled in), or for no route in particular. */
    byte[] forPath(String path) {
        int roll = random.nextInt(100);
        if (roll < 8) {
            return binary();
        }
        String json = roll < 80 ? shaped(path) : roll < 88 ? nested() : pick(ODD_VALUES);
        if (random.nextInt(100) < 8) {
            json = json.substring(0, random.nextInt(json.length() + 1));
        }
        if (random.nextInt(300) == 0) {
            json = "{\"reason\":\"" + "y".repeat(70 * 1024) + "\"}";
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private String shaped(String path) {
        String[][] fields;
        if (path.endsWith("/deposits") || path.endsWith("/withdrawals")) {
            fields = new String[][] {
                {"amount", quoted(clean("2.00", AMOUNTS))}, {"reference", quoted(clean("fuzz", TEXTS))}
            };
        } else if (path.endsWith("/fees") || path.endsWith("/refunds")) {
            fields =
                    new String[][] {{"amount", quoted(clean("2.00", AMOUNTS))}, {"reason", quoted(clean("fuzz", TEXTS))}
                    };
        } else if (path.endsWith("/close") || path.endsWith("/reject")) {
            fields = new String[][] {{"reason", quoted(clean("fuzz", TEXTS))}};
        } else if (path.endsWith("/transfers")) {
            fields = new String[][] {
                {"fromAccountId", quoted(pick(ids))},
                {"toAccountId", quoted(pick(ids))},
                {"amount", quoted(clean("2.00", AMOUNTS))},
                {"currency", quoted(clean("EUR", CURRENCIES))}
            };
        } else if (path.endsWith("/accounts")) {
            fields = new String[][] {
                {"ownerId", quoted(clean("fuzz", TEXTS))}, {"currency", quoted(clean("EUR", CURRENCIES))}
            };
        } else {
            fields = new String[0][];
        }
        return object(mutate(fields));
    }

    /** One time in three: a field dropped, given a wrong type, or joined by an unknown one. */
    private String[][] mutate(String[][] fields) {
        if (fields.length == 0 || random.nextInt(3) != 0) {
            return fields;
        }
        int at = random.nextInt(fields.length);
        return switch (random.nextInt(3)) {
            case 0 ->
                java.util.stream.IntStream.range(0, fields.length)
                        .filter(i -> i != at)
                        .mapToObj(i -> fields[i])
                        .toArray(String[][]::new);
            case 1 -> {
                fields[at] = new String[] {fields[at][0], pick(ODD_VALUES)};
                yield fields;
            }
            default -> {
                String[][] more = java.util.Arrays.copyOf(fields, fields.length + 1);
                more[fields.length] = new String[] {pick(List.of("userId", "roles", "balance", "__proto__")), "\"x\""};
                yield more;
            }
        };
    }

    private String nested() {
        int depth = pick(List.of(10, 500, 1500, 5000));
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        return open.repeat(depth) + "1" + close.repeat(depth);
    }

    private byte[] binary() {
        byte[] bytes = new byte[random.nextInt(512)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String object(String[][] fields) {
        StringBuilder json = new StringBuilder("{");
        for (String[] field : fields) {
            json.append(json.length() > 1 ? "," : "")
                    .append('"')
                    .append(field[0])
                    .append("\":")
                    .append(field[1]);
        }
        return json.append('}').toString();
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    /** Half the time the well-formed value, so that enough commands are accepted and write. */
    private String clean(String good, List<String> odd) {
        return random.nextBoolean() ? good : pick(odd);
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
