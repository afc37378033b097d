package io.tributary.broker.api.admin;

import java.util.List;

/**
 * One described config: its effective value, where that value comes from, and the values it would
 * take from other sources (synonyms, highest precedence first). Immutable.
 */
record ConfigEntry(String name, String value, byte source, byte type, String documentation, List<Synonym> synonyms) {

    record Synonym(String name, String value, byte source) {
    }
}
