package io.tributary.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SslPrincipalMapperTest {

    @Test
    void defaultRuleKeepsTheWholeDistinguishedName() {
        assertThat(SslPrincipalMapper.parse("DEFAULT").userName("CN=alice,OU=test,O=Tributary"))
                .isEqualTo("CN=alice,OU=test,O=Tributary");
    }

    @Test
    void firstMatchingRuleWinsWithItsCaseChange() {
        SslPrincipalMapper mapper = SslPrincipalMapper.parse(
                "RULE:^CN=(.*?),OU=ServiceUsers.*$/$1/,RULE:^CN=(.*?),OU=(.*?),O=(.*)$/$1@$2/L,DEFAULT");
        assertThat(mapper.userName("CN=kafka-broker,OU=ServiceUsers,O=Org")).isEqualTo("kafka-broker");
        assertThat(mapper.userName("CN=Alice,OU=Test,O=Tributary")).isEqualTo("alice@test");
        assertThat(mapper.userName("C=US")).isEqualTo("C=US");
    }

    @Test
    void upperCaseRuleAndNoMatchWithoutDefault() {
        SslPrincipalMapper mapper = SslPrincipalMapper.parse("RULE:^CN=([a-z]+),.*$/$1/U");
        assertThat(mapper.userName("CN=bob,O=x")).isEqualTo("BOB");
        assertThatThrownBy(() -> mapper.userName("O=x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void textThatIsNoRuleIsRefused() {
        assertThatThrownBy(() -> SslPrincipalMapper.parse("RULE:broken")).isInstanceOf(IllegalArgumentException.class);
    }
}
