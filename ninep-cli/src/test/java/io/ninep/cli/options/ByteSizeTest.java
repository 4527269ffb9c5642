package io.ninep.cli.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSizeTest {

    @Test
    void plainNumbersAndBinarySuffixesInAnyCase() {
        assertThat(ByteSize.parse("131072")).isEqualTo(131072);
        assertThat(ByteSize.parse("128k")).isEqualTo(128 * 1024);
        assertThat(ByteSize.parse("128K")).isEqualTo(128 * 1024);
        assertThat(ByteSize.parse(" 4M ")).isEqualTo(4L << 20);
        assertThat(ByteSize.parse("1g")).isEqualTo(1L << 30);
        assertThat(ByteSize.parse("0")).isZero();
    }

    @Test
    void anythingElseIsRefusedWithTheFormsItTakes() {
        for (String bad : new String[] {"", "k", "12kb", "1.5M", "ten", "4T"}) {
            assertThatThrownBy(() -> ByteSize.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'" + bad + "' is not a size (131072, 128k, 4M)");
        }
    }
}
