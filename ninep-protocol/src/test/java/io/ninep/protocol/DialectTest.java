package io.ninep.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DialectTest {

    @ParameterizedTest
    @CsvSource({
        "9P2000,     P9P2000",
        "9P2000.u,   P9P2000_U",
        "9P2000.L,   P9P2000_L",
        // version(5): a suffix after a period the server does not know still means 9P2000
        "9P2000.foo, P9P2000",
        "9P2000.L.Google.2, P9P2000",
    })
    void versionStringsNameDialects(String version, Dialect expected) {
        assertThat(Dialect.fromVersionString(version)).contains(expected);
    }

    @ParameterizedTest
    @CsvSource({"9P2001", "unknown", "9P", "''", "9P2000u"})
    void otherVersionStringsNameNone(String version) {
        assertThat(Dialect.fromVersionString(version)).isEqualTo(Optional.empty());
    }

    @Test
    void eachDialectsVersionStringNamesItself() {
        for (Dialect d : Dialect.values()) {
            assertThat(Dialect.fromVersionString(d.versionString())).contains(d);
            assertThat(d.toString()).isEqualTo(d.versionString());
        }
    }

    @ParameterizedTest
    @CsvSource({"9P2000.L, P9P2000_L", "9p2000.l, P9P2000_L", " L , P9P2000_L", "u, P9P2000_U", "9P2000, P9P2000"})
    void parseIsForgiving(String text, Dialect expected) {
        assertThat(Dialect.parse(text)).isEqualTo(expected);
    }

    @Test
    void parseRefusesNonsense() {
        assertThatThrownBy(() -> Dialect.parse("9P2001")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("9P2001");
    }

    @Test
    void onlyPlain9P2000LacksTheUnixFields() {
        assertThat(Dialect.P9P2000.hasUnixExtensions()).isFalse();
        assertThat(Dialect.P9P2000_U.hasUnixExtensions()).isTrue();
        assertThat(Dialect.P9P2000_L.hasUnixExtensions()).isTrue();
    }
}
