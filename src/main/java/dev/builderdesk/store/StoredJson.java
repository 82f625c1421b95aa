package dev.builderdesk.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.builderdesk.protocol.Json;

/** JSON columns: written and read with the protocol mapper. */
final class StoredJson {
    private StoredJson() {
    }

    static String write(Object value) {
        return Json.write(value);
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("Corrupt JSON column: " + e.getOriginalMessage(), e);
        }
    }

    static <T> T read(String json, TypeReference<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("Corrupt JSON column: " + e.getOriginalMessage(), e);
        }
    }
}
