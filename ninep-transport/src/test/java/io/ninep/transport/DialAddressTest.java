package io.ninep.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DialAddressTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tcp!127.0.0.1!5640      | 127.0.0.1 | 5640",
        "tcp!example.org         | example.org | 5640",
        "net!10.0.0.1!564        | 10.0.0.1 | 564",
        "tcp!*!7000              | 0.0.0.0 | 7000",
        "tcp!host!9fs            | host | 564",
        "127.0.0.1:5641          | 127.0.0.1 | 5641",
        "localhost               | localhost | 5640",
        "[::1]:6000              | ::1 | 6000",
        "[::1]                   | ::1 | 5640",
        "::1                     | ::1 | 5640",
        "9p://127.0.0.1:5642/a/b | 127.0.0.1 | 5642",
        "9p://server/            | server | 5640",
        "9p://[::1]:7/           | ::1 | 7",
        "ninep://h:8/x           | h | 8",
    })
    void tcpForms(String text, String host, int port) {
        assertThat(DialAddress.parse(text)).isEqualTo(new DialAddress.Tcp(host, port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix!/run/ninep.sock", "/run/ninep.sock"})
    void unixForms(String text) {
        assertThat(DialAddress.parse(text)).isEqualTo(new DialAddress.Unix(Path.of("/run/ninep.sock")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp!h!99999", "tcp!h!port", "h:x", "", "tcp!", "[::1", "9p:///nohost"})
    void malformedAddressesSayWhatIsAccepted(String text) {
        assertThatThrownBy(() -> DialAddress.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text.isEmpty() ? "empty" : "forms:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp!127.0.0.1!5640", "unix!/tmp/x.sock"})
    void toStringIsADialStringThatParsesBack(String text) {
        assertThat(DialAddress.parse(text).toString()).isEqualTo(text);
    }
}
