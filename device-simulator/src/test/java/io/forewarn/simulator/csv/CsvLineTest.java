package io.forewarn.simulator.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CsvLineTest {
    @Test
    void splitsPlainAndQuotedFieldsKeepingEmptyOnes() {
        assertThat(CsvLine.split("a,b,,d,")).containsExactly("a", "b", "", "d", "");
        assertThat(CsvLine.split("\"x,y\",\"say \"\"hi\"\"\",z")).containsExactly("x,y", "say \"hi\"", "z");
        assertThat(CsvLine.split("")).containsExactly("");
    }

    @Test
    void quoteRoundTripsThroughSplit() {
        String[] values = {"plain", "with,comma", "with \"quote\"", ""};
        String line = String.join(",", Arrays.stream(values).map(CsvLine::quote).toList());
        assertThat(CsvLine.split(line)).containsExactly(values);
        assertThat(CsvLine.quote(null)).isEmpty();
    }

    @Test
    void brokenQuotingNamesTheColumn() {
        assertThatThrownBy(() -> CsvLine.split("a,\"open")).hasMessage("column 2: unterminated quote");
        assertThatThrownBy(() -> CsvLine.split("\"a\"b,c")).hasMessage("column 1: text after a closing quote");
    }
}
