package io.ninep.cli.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void nestedValues() {
        String s = new JsonWriter().beginObject().field("a", 1).field("b", "x").name("c").beginArray().value(true)
                .nullValue().value(1.5).beginObject().endObject().endArray().field("d", false).endObject().toString();
        assertThat(s).isEqualTo("{\"a\":1,\"b\":\"x\",\"c\":[true,null,1.5,{}],\"d\":false}");
    }

    @Test
    void stringsAreEscaped() {
        String s = new JsonWriter().value("q\"b\\n\nt\tc\u0001 é \uD83D\uDE00 raw\uDC80").toString();
        assertThat(s).isEqualTo("\"q\\\"b\\\\n\\nt\\tc\\u0001 é \uD83D\uDE00 raw\\udc80\"");
    }

    @Test
    void nonFiniteNumbersAreNull() {
        assertThat(new JsonWriter().beginArray().value(Double.NaN).value(Double.POSITIVE_INFINITY).endArray().toString())
                .isEqualTo("[null,null]");
    }

    @Test
    void misuseIsRefused() {
        assertThatThrownBy(() -> new JsonWriter().beginObject().value(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginArray().endObject()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginObject().toString()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().value(1).value(2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginObject().name("a").name("b")).isInstanceOf(IllegalStateException.class);
    }
}
