package org.pactum.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.pactum.platform.CsvCells;

/**
 * The audit export as CSV for a spreadsheet: one row per entry, the NDJSON export's fields as
 * columns. Lists are joined with {@code ;}, {@code detail} is its JSON text, and every cell is made
 * safe to open (a leading {@code =}, {@code +}, {@code -}, {@code @} is neutralised). The NDJSON
 * export stays the one to verify offline: CSV cannot carry the canonical form.
 */
final class AuditCsv {

    static final List<String> COLUMNS =
            List.of(
                    "seq",
                    "time",
                    "actorSubject",
                    "actorOrganisation",
                    "actorRoles",
                    "clientAddress",
                    "action",
                    "target",
                    "agreementId",
                    "purpose",
                    "outcome",
                    "reason",
                    "detail",
                    "concerning",
                    "requestId",
                    "prevHash",
                    "hash",
                    "redacted",
                    "leafHash");

    private final ObjectMapper json;

    AuditCsv(ObjectMapper json) {
        this.json = json;
    }

    static String header() {
        return String.join(",", COLUMNS) + "\r\n";
    }

    /** One CSV line (ending CRLF) for one export line. */
    String row(Map<String, Object> line) {
        return COLUMNS.stream()
                        .map(c -> CsvCells.cell(text(line.get(c))))
                        .collect(Collectors.joining(","))
                + "\r\n";
    }

    private String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(";"));
        }
        if (value instanceof Map<?, ?>) {
            try {
                return json.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.valueOf(value);
    }
}
