package io.tributary.tools.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.tools.ToolException;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ConsumerSettingsTest {

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void groupFromConsumerPropertyCommitsOffsets() {
        ConsumerSettings s = ConsumerSettings.build("h:1", props(), props("group.id", "testGroup"), null, false, null,
                new Random(1));
        assertThat(s.groupId()).isEqualTo("testGroup");
        assertThat(s.commitOffsets()).isTrue();
        assertThat(s.props()).containsEntry("auto.offset.reset", "latest").containsEntry("enable.auto.commit", "false");
    }

    @Test
    void withoutGroupUsesARandomOneAndCommitsNothing() {
        ConsumerSettings s = ConsumerSettings.build("h:1", props(), props(), null, true, "read_committed", new Random(1));
        assertThat(s.groupId()).startsWith("console-consumer-");
        assertThat(s.commitOffsets()).isFalse();
        assertThat(s.props()).containsEntry("auto.offset.reset", "earliest")
                .containsEntry("isolation.level", "read_committed");
    }

    @Test
    void conflictingGroupIdsAreRefused() {
        assertThatThrownBy(() -> ConsumerSettings.build("h:1", props("group.id", "a"), props(), "b", false, null,
                new Random())).isInstanceOf(ToolException.class).hasMessageContaining("'a', 'b'");
    }

    @Test
    void userMayTurnCommittingOff() {
        ConsumerSettings s = ConsumerSettings.build("h:1", props(), props("enable.auto.commit", "false"), "g", false,
                null, new Random());
        assertThat(s.commitOffsets()).isFalse();
    }
}
