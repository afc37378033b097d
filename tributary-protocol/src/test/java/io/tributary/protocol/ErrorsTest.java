package io.tributary.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.RetriableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ErrorsTest {

    @Test
    void everyKafkaErrorCodeHasTheSameNameAndRetriability() {
        org.apache.kafka.common.protocol.Errors[] theirs = org.apache.kafka.common.protocol.Errors.values();
        assertThat(Errors.values()).hasSameSizeAs(theirs);
        for (org.apache.kafka.common.protocol.Errors kafka : theirs) {
            Errors ours = Errors.forCode(kafka.code());
            assertThat(ours.name()).as("code %d", kafka.code()).isEqualTo(kafka.name());
            assertThat(ours.code()).isEqualTo(kafka.code());
            assertThat(ours.isRetriable()).as(kafka.name()).isEqualTo(kafka.exception() instanceof RetriableException);
            if (kafka.exception() != null) {
                assertThat(ours.message()).as(kafka.name()).isEqualTo(kafka.message());
            }
        }
    }

    @Test
    void unknownCodesReadAsUnknownServerError() {
        assertThat(Errors.forCode((short) 30000)).isEqualTo(Errors.UNKNOWN_SERVER_ERROR);
        assertThat(Errors.forCode((short) -2)).isEqualTo(Errors.UNKNOWN_SERVER_ERROR);
        assertThat(Errors.forCode((short) 0)).isEqualTo(Errors.NONE);
        assertThat(Errors.forCode((short) 41)).isEqualTo(Errors.NOT_CONTROLLER);
    }

    @Test
    void apiExceptionCarriesItsErrorAndMessage() {
        ApiException defaulted = Errors.INVALID_REQUIRED_ACKS.exception();
        assertThat(defaulted.error()).isEqualTo(Errors.INVALID_REQUIRED_ACKS);
        assertThat(defaulted.getMessage()).isEqualTo(Errors.INVALID_REQUIRED_ACKS.message());

        ApiException specific = Errors.TOPIC_ALREADY_EXISTS.exception("Topic 'orders' already exists.");
        assertThat(specific.error()).isEqualTo(Errors.TOPIC_ALREADY_EXISTS);
        assertThat(specific.getMessage()).isEqualTo("Topic 'orders' already exists.");
        assertThat(specific).isInstanceOf(RuntimeException.class);
    }
}
