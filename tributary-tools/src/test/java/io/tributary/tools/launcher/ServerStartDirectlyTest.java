package io.tributary.tools.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.tools.ToolIo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The launcher's parser-free path for {@code server-start}: taken only for the plain form. */
@Timeout(10)
class ServerStartDirectlyTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ToolIo io = new ToolIo(new ByteArrayInputStream(new byte[0]),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void leavesEverythingButThePlainFormToTheParser() {
        assertThat(ServerStartCommand.startDirectly(new String[] {"server-start"}, io)).isNull();
        assertThat(ServerStartCommand.startDirectly(new String[] {"server-start", "--help"}, io)).isNull();
        assertThat(ServerStartCommand.startDirectly(new String[] {"server-start", "a.properties", "--no-such-flag"},
                io)).isNull();
        assertThat(ServerStartCommand.startDirectly(new String[] {"server-start", "a.properties", "--override"}, io))
                .isNull();
        assertThat(ServerStartCommand.startDirectly(new String[] {"topics", "--list"}, io)).isNull();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void reportsAnUnreadableConfigurationLikeTheParserPath() {
        Integer code = ServerStartCommand.startDirectly(
                new String[] {"server-start", "/nonexistent/server.properties", "--override", "broker.id=1"}, io);
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).trim())
                .isEqualTo("Error: cannot read broker configuration /nonexistent/server.properties");
    }
}
