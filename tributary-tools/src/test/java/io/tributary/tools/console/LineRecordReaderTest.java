package io.tributary.tools.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.tools.ToolException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class LineRecordReaderTest {

    @Test
    void wholeLineIsTheValueByDefault() {
        var kv = new LineRecordReader(Map.of()).parse("a:b\tc", 1);
        assertThat(kv.key()).isNull();
        assertThat(kv.value()).isEqualTo("a:b\tc");
    }

    @Test
    void splitsAtTheFirstSeparatorWhenParsingKeys() {
        var kv = new LineRecordReader(Map.of("parse.key", "true", "key.separator", ":")).parse("order-1:{\"a\":1}", 1);
        assertThat(kv.key()).isEqualTo("order-1");
        assertThat(kv.value()).isEqualTo("{\"a\":1}");
    }

    @Test
    void lineWithoutSeparatorIsAnErrorUnlessIgnored() {
        assertThatThrownBy(() -> new LineRecordReader(Map.of("parse.key", "true")).parse("no-tab", 7))
                .isInstanceOf(ToolException.class).hasMessageContaining("line number 7");
        var kv = new LineRecordReader(Map.of("parse.key", "true", "ignore.error", "true")).parse("no-tab", 7);
        assertThat(kv.key()).isNull();
        assertThat(kv.value()).isEqualTo("no-tab");
    }

    @Test
    void nullMarkerStandsForNull() {
        var kv = new LineRecordReader(Map.of("parse.key", "true", "key.separator", ",", "null.marker", "NULL"))
                .parse("k,NULL", 1);
        assertThat(kv.key()).isEqualTo("k");
        assertThat(kv.value()).isNull();
    }
}
